package io.clusterwatch.agent.gpu.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NvmlWatchdogTest {
  private final NvmlWatchdog watchdog = new NvmlWatchdog(Duration.ofSeconds(2));
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    watchdog.close();
  }

  @Test
  void aReturningCallGivesItsValue() {
    assertEquals(new NvmlWatchdog.Outcome.Done<>(42), watchdog.run("gpu0", () -> 42));
  }

  @Test
  void aThrowingCallGivesItsError() {
    NvmlWatchdog.Outcome<Object> outcome =
        watchdog.run(
            "gpu0",
            () -> {
              throw new NvmlException("nvmlDeviceGetPowerUsage", NvmlReturn.GPU_IS_LOST);
            });
    NvmlWatchdog.Outcome.Failed<?> failed =
        assertInstanceOf(NvmlWatchdog.Outcome.Failed.class, outcome);
    assertTrue(((NvmlException) failed.error()).gpuLost());
  }

  @Test
  void aHungKeyIsSkippedUntilItsCallReturns() throws Exception {
    AtomicInteger started = new AtomicInteger();
    List<NvmlWatchdog.Outcome<String>> first =
        watchdog.runAll(
            List.of(
                new NvmlWatchdog.Call<>("gpu0", () -> "fine"),
                new NvmlWatchdog.Call<>(
                    "gpu1",
                    () -> {
                      started.incrementAndGet();
                      release.await();
                      return "late";
                    })));
    assertEquals(new NvmlWatchdog.Outcome.Done<>("fine"), first.get(0));
    assertInstanceOf(NvmlWatchdog.Outcome.TimedOut.class, first.get(1));

    NvmlWatchdog.Outcome<String> second =
        watchdog.run(
            "gpu1",
            () -> {
              started.incrementAndGet();
              return "again";
            });
    assertInstanceOf(NvmlWatchdog.Outcome.StillHung.class, second);
    assertEquals(1, started.get(), "the hung key's next call was not started");
    assertEquals(new NvmlWatchdog.Outcome.Done<>("other"), watchdog.run("gpu0", () -> "other"));

    release.countDown();
    assertTrue(watchdog.awaitRecovery("gpu1", Duration.ofSeconds(30)));
    assertFalse(watchdog.isHung("gpu1"));
    assertEquals(new NvmlWatchdog.Outcome.Done<>("again"), watchdog.run("gpu1", () -> "again"));
  }

  @Test
  void callsAfterAHungOneInTheSameBatchStillRun() throws Exception {
    List<NvmlWatchdog.Outcome<String>> outcomes =
        watchdog.runAll(
            List.of(
                new NvmlWatchdog.Call<>("gpu0", () -> "zero"),
                new NvmlWatchdog.Call<>(
                    "gpu1",
                    () -> {
                      release.await();
                      return "late";
                    }),
                new NvmlWatchdog.Call<>("gpu2", () -> "two"),
                new NvmlWatchdog.Call<>("gpu3", () -> "three")));
    assertEquals(new NvmlWatchdog.Outcome.Done<>("zero"), outcomes.get(0));
    assertInstanceOf(NvmlWatchdog.Outcome.TimedOut.class, outcomes.get(1));
    assertEquals(new NvmlWatchdog.Outcome.Done<>("two"), outcomes.get(2));
    assertEquals(new NvmlWatchdog.Outcome.Done<>("three"), outcomes.get(3));
    assertTrue(watchdog.isHung("gpu1"));
    assertFalse(watchdog.isHung("gpu2"));
  }

  @Test
  void oneWorkerThreadServesEveryKey() {
    List<NvmlWatchdog.Call<String>> calls = new ArrayList<>();
    for (int gpu = 0; gpu < 8; gpu++) {
      calls.add(new NvmlWatchdog.Call<>(gpu, () -> Thread.currentThread().getName()));
    }
    Set<Object> threads = new HashSet<>();
    for (int tick = 0; tick < 3; tick++) {
      for (NvmlWatchdog.Outcome<String> outcome : watchdog.runAll(calls)) {
        threads.add(assertInstanceOf(NvmlWatchdog.Outcome.Done.class, outcome).value());
      }
    }
    assertEquals(Set.of("nvml-call-1"), threads);
  }

  @Test
  void aTimeoutMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new NvmlWatchdog(Duration.ZERO));
  }
}
