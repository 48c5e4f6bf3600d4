package io.clusterwatch.agent.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobTrackerTest {
  private static JobInfo job(String id, String... gpus) {
    return new JobInfo(id, "u", "n", List.of(gpus), 1000, "static config", Map.of());
  }

  @Test
  void startsEndsAndChanges() {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(5000), ZoneOffset.UTC);
    JobTracker t = new JobTracker(clock);
    JobInfo a = job("a", "GPU-1");
    JobInfo b = job("b", "GPU-2");

    assertEquals(
        List.of(new JobEvent("started", 5000, a), new JobEvent("started", 5000, b)),
        t.update(List.of(a, b)));
    assertEquals(List.of(), t.update(List.of(a, b)));

    JobInfo a2 = job("a", "GPU-1", "GPU-3");
    assertEquals(
        List.of(new JobEvent("started", 5000, a2), new JobEvent("ended", 5000, b)),
        t.update(List.of(a2)));
    assertEquals(List.of(a2), t.jobs());
    assertEquals(List.of(new JobEvent("ended", 5000, a2)), t.update(List.of()));
  }
}
