package io.clusterwatch.simulator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.message.JobInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scenarios a demo promises, observed through the samples alone. */
class ScenarioTest {
  private static final long T0 = 1_780_000_000_000L;
  private static final double GIB = 1024.0 * 1024 * 1024;
  private static final int THERMAL_BITS =
      SimulatedGpu.REASON_SW_THERMAL | SimulatedGpu.REASON_HW_THERMAL;

  private static List<Map<String, TickIndex>> run(ClusterModel model, int seconds) {
    List<Map<String, TickIndex>> ticks = new ArrayList<>();
    for (int s = 0; s <= seconds; s++) {
      ticks.add(TickIndex.byHost(model.tick(T0 + s * 1000L)));
    }
    return ticks;
  }

  private static String gpu(int g) {
    return Integer.toString(g);
  }

  @Test
  void theThermalNodeRunsHotAndThrottlesWhileOtherBusyGpusStayCool() {
    List<Map<String, TickIndex>> ticks = run(new ClusterModel(6, 21, T0), 240);
    int throttledReadings = 0;
    int hotReadings = 0;
    for (Map<String, TickIndex> tick : ticks) {
      for (int g = 0; g < 8; g++) {
        TickIndex hot = tick.get("gpu-node-03");
        double temp = hot.value("gpu_temperature_celsius", "gpu", gpu(g));
        int reasons = (int) hot.value("gpu_clock_event_reasons", "gpu", gpu(g));
        if (temp > 85) {
          hotReadings++;
        }
        if ((reasons & THERMAL_BITS) != 0) {
          throttledReadings++;
          assertTrue(temp >= SimulatedGpu.SW_THERMAL_OFF, "throttling at " + temp + " C");
          assertTrue(hot.value("gpu_sm_clock_hertz", "gpu", gpu(g)) < 1980e6);
        }
        for (String host : List.of("gpu-node-01", "gpu-node-02", "gpu-node-05", "gpu-node-06")) {
          TickIndex cool = tick.get(host);
          assertTrue(cool.value("gpu_temperature_celsius", "gpu", gpu(g)) <= 76, host);
          assertEquals(
              0, (int) cool.value("gpu_clock_event_reasons", "gpu", gpu(g)) & THERMAL_BITS);
        }
      }
    }
    // The node runs its 8-GPU training job the whole time: most readings are hot and throttled.
    assertTrue(hotReadings > 0.7 * 8 * ticks.size(), "hot readings: " + hotReadings);
    assertTrue(throttledReadings > 0.7 * 8 * ticks.size(), "throttled: " + throttledReadings);
  }

  @Test
  void theThermalNodeReportsXid48OnceOnOneGpu() {
    ClusterModel model = new ClusterModel(6, 21, T0);
    NodeFaults faults = model.node("gpu-node-03").faults();
    List<Map<String, TickIndex>> ticks = run(model, 200);
    for (Map<String, TickIndex> tick : ticks) {
      TickIndex node = tick.get("gpu-node-03");
      List<Sample> xids = node.find("gpu_xid_errors_total");
      if (node.tick.timeMs() < faults.xidAtMs()) {
        assertTrue(xids.isEmpty());
        assertEquals(0, node.value("gpu_last_xid", "gpu", gpu(faults.xidGpu())));
      } else {
        assertEquals(1, xids.size());
        assertEquals("48", xids.get(0).labels().get("xid"));
        assertEquals(gpu(faults.xidGpu()), xids.get(0).labels().get("gpu"));
        assertEquals(1, xids.get(0).counterValue());
        assertEquals(48, node.value("gpu_last_xid", "gpu", gpu(faults.xidGpu())));
        assertEquals(
            1, node.value("gpu_ecc_uncorrected_errors_total", "gpu", gpu(faults.xidGpu())));
      }
      for (String host : List.of("gpu-node-01", "gpu-node-02", "gpu-node-04")) {
        assertTrue(tick.get(host).find("gpu_xid_errors_total").isEmpty(), host);
      }
    }
    assertTrue(faults.xidAtMs() <= T0 + 200_000, "the XID comes within the first minutes");
  }

  @Test
  void idleSessionsHoldMemoryWithoutComputing() {
    ClusterModel model = new ClusterModel(16, 4, T0);
    List<Map<String, TickIndex>> ticks = run(model, 60);
    int idleGpus = 0;
    for (SimJob job : model.scheduler().running()) {
      if (job.workload() != Workload.IDLE_HOLDING
          || job.elapsedSeconds(T0) < job.traits().activeSeconds()) {
        continue;
      }
      for (Map.Entry<String, List<Integer>> e : job.gpusByHost().entrySet()) {
        for (int g : e.getValue()) {
          idleGpus++;
          for (Map<String, TickIndex> tick : ticks) {
            TickIndex node = tick.get(e.getKey());
            assertEquals(0, node.value("gpu_utilization_ratio", "gpu", gpu(g)));
            assertTrue(node.value("gpu_memory_used_bytes", "gpu", gpu(g)) >= 40 * GIB);
            assertEquals(1, node.value("gpu_compute_processes", "gpu", gpu(g)));
            assertTrue(node.value("gpu_power_watts", "gpu", gpu(g)) < 120);
          }
        }
      }
    }
    assertTrue(idleGpus >= 2, "the demo cast has an idle session on gpu-node-01");
  }

  @Test
  void theStarvedJobHasLowSpikyGpusBusyCoresAndHeavyReads() {
    ClusterModel model = new ClusterModel(4, 8, T0);
    SimJob starved =
        model.scheduler().jobsOn("gpu-node-01").stream()
            .filter(j -> j.workload() == Workload.DATALOADER_STARVED)
            .findFirst()
            .orElseThrow();
    List<Integer> gpus = starved.gpusByHost().get("gpu-node-01");
    List<Map<String, TickIndex>> ticks = run(model, 120);
    double sum = 0;
    double min = 1;
    double max = 0;
    for (Map<String, TickIndex> tick : ticks) {
      for (int g : gpus) {
        double u = tick.get("gpu-node-01").value("gpu_utilization_ratio", "gpu", gpu(g));
        sum += u;
        min = Math.min(min, u);
        max = Math.max(max, u);
      }
    }
    double mean = sum / (ticks.size() * gpus.size());
    assertTrue(mean > 0.15 && mean < 0.45, "mean utilisation " + mean);
    assertTrue(max - min > 0.3, "spiky: " + min + ".." + max);
    TickIndex first = ticks.get(0).get("gpu-node-01");
    TickIndex last = ticks.get(ticks.size() - 1).get("gpu-node-01");
    int per = 32 / 8;
    for (int c = gpus.get(0) * per; c < (gpus.get(gpus.size() - 1) + 1) * per; c++) {
      double idle =
          ConsistencyTest.delta(
              first, last, "cpu_seconds_total", "cpu", Integer.toString(c), "mode", "idle");
      assertTrue(idle < 0.1 * 120, "cpu " + c + " idle for " + idle + " s of 120");
    }
    double readRate =
        ConsistencyTest.delta(first, last, "disk_read_bytes_total", "device", "nvme1n1") / 120;
    assertTrue(readRate > 0.5e9, "scratch reads " + readRate + " B/s");
  }

  @Test
  void healthyTrainingIsBusyDipsForEvaluationAndWritesCheckpoints() {
    ClusterModel model = new ClusterModel(6, 13, T0);
    SimJob training = model.scheduler().jobsOn("gpu-node-05").get(0);
    assertEquals(Workload.TRAINING, training.workload());
    assertEquals(16, training.gpuCount());
    List<Map<String, TickIndex>> ticks = run(model, 600);
    int busy = 0;
    int dips = 0;
    double maxWriteRate = 0;
    for (int s = 1; s < ticks.size(); s++) {
      TickIndex node = ticks.get(s).get("gpu-node-05");
      double u = node.value("gpu_utilization_ratio", "gpu", "0");
      if (u >= 0.9) {
        busy++;
        double watts = node.value("gpu_power_watts", "gpu", "0");
        assertTrue(watts > 550 && watts <= 700, watts + " W");
        double temp = node.value("gpu_temperature_celsius", "gpu", "0");
        assertTrue(temp >= 55 && temp <= 76, temp + " C");
      } else {
        dips++;
      }
      maxWriteRate =
          Math.max(
              maxWriteRate,
              ConsistencyTest.delta(
                  ticks.get(s - 1).get("gpu-node-05"),
                  node,
                  "disk_written_bytes_total",
                  "device",
                  "nvme1n1"));
    }
    assertTrue(busy > 0.75 * ticks.size(), "busy seconds " + busy);
    assertTrue(dips > 10, "evaluation and checkpoint dips " + dips);
    assertTrue(maxWriteRate > 1.5e9, "checkpoint burst " + maxWriteRate + " B/s");
  }

  @Test
  void oneIbPortCollectsRisingErrorsWhileTheOthersStayClean() {
    List<Map<String, TickIndex>> ticks = run(new ClusterModel(6, 2, T0), 300);
    TickIndex first = ticks.get(0).get("gpu-node-05");
    TickIndex last = ticks.get(ticks.size() - 1).get("gpu-node-05");
    assertTrue(
        ConsistencyTest.delta(first, last, "infiniband_symbol_error_total", "device", "mlx5_1")
            > 100);
    assertTrue(
        ConsistencyTest.delta(
                first, last, "infiniband_port_errors_received_total", "device", "mlx5_1")
            > 10);
    assertEquals(4, last.value("infiniband_state_id", "device", "mlx5_1"), "the link stays up");
    for (String host : ticks.get(0).keySet()) {
      TickIndex a = ticks.get(0).get(host);
      TickIndex b = ticks.get(ticks.size() - 1).get(host);
      for (String device : List.of("mlx5_0", "mlx5_1")) {
        if (host.equals("gpu-node-05") && device.equals("mlx5_1")) {
          continue;
        }
        assertEquals(
            0, ConsistencyTest.delta(a, b, "infiniband_symbol_error_total", "device", device));
        assertEquals(
            0,
            ConsistencyTest.delta(a, b, "infiniband_port_errors_received_total", "device", device));
      }
    }
  }

  @Test
  void freeGpusIdleAtLowPowerWithNoMemoryOrProcesses() {
    ClusterModel model = new ClusterModel(16, 6, T0);
    Map<String, TickIndex> tick = TickIndex.byHost(model.tick(T0));
    int free = 0;
    for (String host : model.hosts()) {
      List<String> held = new ArrayList<>();
      for (JobInfo job : model.runningJobs(host)) {
        held.addAll(job.gpuUuids());
      }
      for (Sample info : tick.get(host).find("gpu_info")) {
        if (held.contains(info.labels().get("gpu_uuid"))) {
          continue;
        }
        free++;
        String g = info.labels().get("gpu");
        TickIndex node = tick.get(host);
        assertEquals(0, node.value("gpu_utilization_ratio", "gpu", g));
        assertEquals(0, node.value("gpu_memory_used_bytes", "gpu", g));
        assertEquals(0, node.value("gpu_compute_processes", "gpu", g));
        assertEquals(
            SimulatedGpu.REASON_GPU_IDLE, (int) node.value("gpu_clock_event_reasons", "gpu", g));
        assertTrue(node.value("gpu_power_watts", "gpu", g) < 80);
      }
    }
    assertTrue(free >= 0.15 * 128, free + " free GPUs");
    assertFalse(free > 0.3 * 128, free + " free GPUs");
  }
}
