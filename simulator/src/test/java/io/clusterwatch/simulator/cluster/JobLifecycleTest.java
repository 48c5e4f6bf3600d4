package io.clusterwatch.simulator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobLifecycleTest {
  private static final long T0 = 1_780_000_000_000L;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void theClusterStartsSeventyToEightyFivePercentAllocated(long seed) {
    JobScheduler scheduler = new ClusterModel(16, seed, T0).scheduler();
    double allocation = (double) scheduler.allocatedGpus() / scheduler.totalGpus();
    assertTrue(allocation >= 0.70 && allocation <= 0.85, "allocation " + allocation);
  }

  @Test
  void everyGpuOfARunningJobIsOnTheJobsNodeAndHeldByOneJobOnly() {
    ClusterModel model = new ClusterModel(8, 17, T0);
    for (long t = T0; t <= T0 + 20 * 60_000; t += 1000) {
      for (NodeTick tick : model.tick(t)) {
        Set<String> uuidsOnNode = new HashSet<>();
        for (Sample info : tick.samples()) {
          if (info.metric().equals("gpu_info")) {
            uuidsOnNode.add(info.labels().get("gpu_uuid"));
          }
        }
        Set<String> held = new HashSet<>();
        for (JobInfo job : tick.runningJobs()) {
          assertFalse(job.gpuUuids().isEmpty(), job.jobId());
          for (String uuid : job.gpuUuids()) {
            assertTrue(
                uuidsOnNode.contains(uuid), uuid + " of job " + job.jobId() + " on " + tick.host());
            assertTrue(held.add(uuid), uuid + " held twice on " + tick.host());
          }
        }
      }
    }
  }

  @Test
  void jobsStartAndEndOverTimeWithTheirOwnersAndAccounts() {
    ClusterModel model = new ClusterModel(8, 5, T0);
    Map<String, Long> started = new HashMap<>();
    Set<String> ended = new HashSet<>();
    int startedLater = 0;
    for (long t = T0; t <= T0 + 45 * 60_000; t += 1000) {
      for (NodeTick tick : model.tick(t)) {
        for (JobEvent e : tick.events()) {
          JobInfo job = e.job();
          String key = job.jobId() + "@" + tick.host();
          assertFalse(job.user().isEmpty());
          assertFalse(job.name().isEmpty());
          assertEquals("gpu", job.attributes().get("partition"));
          assertTrue(job.attributes().get("account").matches("[a-z0-9-]+"));
          assertTrue(e.timeMs() <= t, "events are not from the future");
          if (e.event().equals(JobEvent.STARTED)) {
            assertEquals(null, started.put(key, e.timeMs()), key + " started twice");
            if (t > T0) {
              startedLater++;
              assertEquals(t, e.timeMs());
            }
          } else {
            assertEquals(JobEvent.ENDED, e.event());
            assertTrue(started.containsKey(key), key + " ended before it started");
            assertTrue(ended.add(key), key + " ended twice");
          }
        }
        for (JobInfo running : tick.runningJobs()) {
          String key = running.jobId() + "@" + tick.host();
          assertTrue(started.containsKey(key) && !ended.contains(key), key + " runs unannounced");
        }
      }
    }
    assertTrue(startedLater >= 5, startedLater + " jobs started during the run");
    assertTrue(ended.size() >= 5, ended.size() + " jobs ended during the run");
  }

  @Test
  void aTwoNodeJobHoldsEightGpusOnEachOfItsNodes() {
    ClusterModel model = new ClusterModel(6, 9, T0);
    List<JobInfo> onFive = model.runningJobs("gpu-node-05");
    List<JobInfo> onSix = model.runningJobs("gpu-node-06");
    JobInfo five = onFive.get(0);
    JobInfo six =
        onSix.stream().filter(j -> j.jobId().equals(five.jobId())).findFirst().orElseThrow();
    assertEquals(8, five.gpuUuids().size());
    assertEquals(8, six.gpuUuids().size());
    assertTrue(five.gpuUuids().stream().noneMatch(six.gpuUuids()::contains));
    assertEquals("gpu-node-05,gpu-node-06", five.attributes().get("nodes"));
  }

  @Test
  void theSameSeedAndTimesGiveTheSameRun() {
    ClusterModel a = new ClusterModel(3, 77, T0);
    ClusterModel b = new ClusterModel(3, 77, T0);
    ClusterModel other = new ClusterModel(3, 78, T0);
    boolean differs = false;
    for (long t = T0; t <= T0 + 5 * 60_000; t += 1000) {
      List<NodeTick> ta = a.tick(t);
      assertEquals(ta, b.tick(t));
      differs |= !ta.equals(other.tick(t));
    }
    assertTrue(differs, "another seed gives another run");
  }

  @Test
  void gpuIdentitiesAreStableAndLookLikeNvmls() {
    GpuDevice g = GpuDevice.onHost("gpu-node-01", 0);
    assertEquals(g, GpuDevice.onHost("gpu-node-01", 0));
    assertNotEquals(g.uuid(), GpuDevice.onHost("gpu-node-02", 0).uuid());
    assertTrue(
        g.uuid().matches("GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    assertEquals("00000000:18:00.0", g.pciBusId());
    assertEquals("00000000:DB:00.0", GpuDevice.onHost("gpu-node-01", 7).pciBusId());
  }

  @Test
  void zeroNodesIsRefusedWithTheReason() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ClusterModel(0, 1, T0));
    assertTrue(e.getMessage().contains("at least 1 node"));
  }
}
