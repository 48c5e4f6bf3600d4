package io.clusterwatch.hub.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The terminal rendering of reports and user totals. */
class JobReportTextTest {
  private static JsonObject gpu(String uuid, Double mean, Double idle) {
    return new JsonObject()
        .put("host", "gpu-node-01")
        .put("uuid", uuid)
        .put("gpu_hours", 2.0)
        .put("mean_utilization", mean)
        .put("idle_ratio", idle)
        .put("peak_memory_bytes", 42.5 * (1L << 30))
        .put("energy_kwh", 0.8);
  }

  private static JsonObject report(JsonArray gpus, Double mean) {
    return new JsonObject()
        .put("final", true)
        .put("computed_at_ms", 1_764_079_200_000L)
        .put("idle_threshold_ratio", 0.01)
        .put("gpus_allocated", gpus.size())
        .put("gpu_hours", 2.0 * gpus.size())
        .put("mean_gpu_utilization", mean)
        .put("median_gpu_utilization", mean)
        .put("idle_gpu_hours", 3.72)
        .put("peak_gpu_memory_bytes", 42.5 * (1L << 30))
        .put("gpu_energy_kwh", 3.2)
        .put("host_cpu_utilization", 0.31)
        .put("host_memory_peak_bytes", 200.0 * (1L << 30))
        .put("host_memory_total_bytes", 1024.0 * (1L << 30))
        .put("disk_read_bytes", 1.5e12)
        .put("disk_written_bytes", 2048.0)
        .put("ib_received_bytes", null)
        .put("ib_transmitted_bytes", null)
        .put("gpus", gpus)
        .put(
            "alerts",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("time_ms", 1_764_073_800_000L)
                        .put("rule", "gpu_process_idle")
                        .put("summary", "GPU 2 idle for 10m")));
  }

  @Test
  void aFinishedJobReadsLikeSeff() {
    JsonArray gpus =
        new JsonArray()
            .add(gpu("GPU-a", 0.9, 0.0))
            .add(gpu("GPU-b", 0.88, 0.02))
            .add(gpu("GPU-c", 0.0, 0.93))
            .add(gpu("GPU-d", 0.01, 0.93));
    JsonObject job =
        new JsonObject()
            .put("id", "4711")
            .put("name", "llama-ft")
            .put("user", "alice")
            .put("attributes", new JsonObject().put("account", "cs101").put("partition", "gpu"))
            .put("state", "finished")
            .put("nodes", new JsonArray().add("gpu-node-01"))
            .put("start_ms", 1_764_072_000_000L)
            .put("end_ms", 1_764_079_200_000L)
            .put("report", report(gpus, 0.4475));
    assertEquals(
        String.join(
            "\n",
            "Job ID:          4711",
            "Name:            llama-ft",
            "User:            alice",
            "Account:         cs101",
            "Partition:       gpu",
            "State:           finished",
            "Nodes:           gpu-node-01",
            "Started:         2025-11-25T12:00:00Z",
            "Ended:           2025-11-25T14:00:00Z",
            "Elapsed:         02:00:00",
            "",
            "GPUs allocated:  4",
            "GPU-hours:       8.00",
            "GPU utilisation: 45 % mean, 45 % median",
            "Idle GPU-hours:  3.72 (at or under 1 %)",
            "Peak GPU memory: 42.5 GiB",
            "GPU energy:      3.200 kWh",
            "Host CPU:        31 % busy",
            "Host memory:     200.0 GiB peak of 1.0 TiB",
            "Disk:            1.4 TiB read, 2.0 KiB written",
            "InfiniBand:      - received, - sent",
            "",
            "Per GPU:",
            "  HOST         GPU    HOURS  MEAN  IDLE  PEAK MEMORY  ENERGY",
            "  gpu-node-01  GPU-a  2.00   90 %  0 %   42.5 GiB     0.800 kWh",
            "  gpu-node-01  GPU-b  2.00   88 %  2 %   42.5 GiB     0.800 kWh",
            "  gpu-node-01  GPU-c  2.00   0 %   93 %  42.5 GiB     0.800 kWh",
            "  gpu-node-01  GPU-d  2.00   1 %   93 %  42.5 GiB     0.800 kWh",
            "",
            "Alerts and hints that fired:",
            "  2025-11-25T12:30:00Z  gpu_process_idle: GPU 2 idle for 10m",
            "",
            "Advice:",
            "  Requested 4 GPUs, 2 sat idle 93 % of the time: ask for 2.",
            ""),
        JobReportText.render(job));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // idle ratios of the GPUs | mean | advice
        "0.0,0.0   | 0.9  | The GPUs were well used; nothing to change.",
        "0.0,0.1   | 0.12 | GPU utilisation averaged 12 %: look at data loading (more loader workers, faster storage) and batch size.",
        "0.99      | 0.0  | Requested 1 GPU, 1 sat idle 99 % of the time: run it on a CPU node, or check that your code uses the GPU.",
        "0.6,0.0,0.0 | 0.6 | Requested 3 GPUs, 1 sat idle 60 % of the time: ask for 2.",
      })
  void adviceFollowsTheFigures(String idle, double mean, String advice) {
    JsonArray gpus = new JsonArray();
    for (String r : idle.split(",")) {
      gpus.add(gpu("GPU-" + gpus.size(), mean, Double.parseDouble(r)));
    }
    assertEquals(List.of(advice), JobReportText.advice(report(gpus, mean)));
  }

  @Test
  void noUtilisationDataIsSaid() {
    assertEquals(
        List.of(
            "The hub has no utilisation for this job's GPUs (no agent data in its store range)."),
        JobReportText.advice(report(new JsonArray().add(gpu("GPU-a", null, null)), null)));
  }

  @Test
  void userTotalsOneLinePerUserWeightedByGpuHours() {
    UserTable t = new UserTable();
    t.add(job("bob", 4.0, 120.0, 0.25, 1.5));
    t.add(job("alice", 2.0, 0.0, 0.9, 0.5));
    t.add(job("alice", 6.0, 30.0, 0.5, null));
    assertEquals(
        String.join(
            "\n",
            "USER   JOBS  GPU-HOURS  IDLE GPU-HOURS  MEAN UTIL  ENERGY",
            "alice  2     8.00       0.50            60 %       0.500 kWh",
            "bob    1     4.00       2.00            25 %       1.500 kWh",
            ""),
        t.render());
  }

  private static JsonObject job(
      String user, double gpuHours, double idleMinutes, double mean, Double kwh) {
    return new JsonObject()
        .put("user", user)
        .put(
            "summary",
            new JsonObject()
                .put("gpu_hours", gpuHours)
                .put("idle_gpu_minutes", idleMinutes)
                .put("mean_gpu_utilization", mean)
                .put("energy_kwh", kwh));
  }
}
