package io.clusterwatch.protocol.sender;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysDoubleUpToTheMaximumWithJitterInTheUpperHalf() {
    Backoff b =
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(7));
    long[] bases = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    for (int round = 0; round < 50; round++) {
      b.reset();
      for (long base : bases) {
        long d = b.nextDelayMs();
        assertTrue(d >= base / 2 && d <= base, "delay " + d + " for base " + base);
      }
    }
  }

  @Test
  void resetStartsOver() {
    Backoff b =
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new SplittableRandom(1));
    for (int i = 0; i < 10; i++) {
      b.nextDelayMs();
    }
    b.reset();
    assertTrue(b.nextDelayMs() <= 100);
  }
}
