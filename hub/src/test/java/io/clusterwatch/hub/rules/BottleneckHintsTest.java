package io.clusterwatch.hub.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BottleneckHintsTest {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  static final Instant NOW = T0.plus(Duration.ofMinutes(20));
  static final String H = "gpu01";
  static final List<String> UUIDS = List.of("GPU-a", "GPU-b");

  final FakeRuleInputs in = new FakeRuleInputs();
  final RuleEngine engine =
      new RuleEngine(
          BottleneckHints.create(HintRulesConfig.defaults(), Duration.ofMinutes(5)), Duration.ZERO);

  @BeforeEach
  void job() {
    in.jobs.add(new RunningJob("4242", H, "alice", UUIDS, T0, Map.of("partition", "gpu")));
  }

  /** Points every minute of the last five for a series. */
  private void steady(String metric, Map<String, String> labels, double v) {
    for (int m = 0; m <= 5; m++) {
      in.put(H, metric, labels, NOW.minus(Duration.ofMinutes(m)), v);
    }
  }

  private void gpus(double util) {
    for (int i = 0; i < UUIDS.size(); i++) {
      steady(
          "gpu_utilization_ratio",
          Map.of("gpu", Integer.toString(i), "gpu_uuid", UUIDS.get(i)),
          util);
    }
  }

  /**
   * Four cores; the first {@code saturated} of them 95 % busy, the rest idle; iowait share given.
   */
  private void cpus(int saturated, double iowait) {
    for (int c = 0; c < 4; c++) {
      double busy = c < saturated ? 0.95 : 0.05;
      steady("cpu_seconds_total", Map.of("cpu", Integer.toString(c), "mode", "user"), busy);
      steady("cpu_seconds_total", Map.of("cpu", Integer.toString(c), "mode", "iowait"), iowait);
      steady(
          "cpu_seconds_total",
          Map.of("cpu", Integer.toString(c), "mode", "idle"),
          1 - busy - iowait);
    }
  }

  private Map<String, String> hints() {
    Map<String, String> m = new java.util.TreeMap<>();
    engine.evaluate(in, NOW).forEach(a -> m.put(a.rule(), a.summary()));
    return m;
  }

  @Test
  void dataLoadingWhenACoreIsSaturatedPerGpu() {
    gpus(0.1);
    cpus(2, 0);
    assertEquals(
        Map.of(
            "hint_data_loading",
            "data loading? GPUs 10 % busy over 5 min while 2 CPU core(s) are at or over 90 % busy for 2 GPU(s) (cpu 0 95 %, cpu 1 95 %)"),
        hints());
    Alert a = engine.alerts().get(0);
    assertEquals(Severity.INFO, a.severity());
    assertEquals("hint", a.group());
    assertEquals(
        Map.of("host", H, "job_id", "4242", "user", "alice", "partition", "gpu"), a.labels());
  }

  /**
   * Utilisation reads 100 % for a kernel that only waits; SM activity is the evidence where
   * present.
   */
  @Test
  void smActivityIsTheGpuEvidenceWhereEveryGpuReportsIt() {
    gpus(1.0);
    cpus(2, 0);
    assertEquals(Map.of(), hints(), "by utilisation the GPUs look busy");
    for (int i = 0; i < UUIDS.size(); i++) {
      Map<String, String> gpu = Map.of("gpu", Integer.toString(i), "gpu_uuid", UUIDS.get(i));
      steady("gpu_sm_active_ratio", gpu, 0.12);
      // a MIG instance's series carries its parent's gpu_uuid too; it must not stand in for the GPU
      Map<String, String> mig =
          Map.of("gpu", Integer.toString(i), "gpu_uuid", UUIDS.get(i), "mig_uuid", "MIG-" + i);
      steady("gpu_sm_active_ratio", mig, 0.9);
    }
    assertEquals(
        Map.of(
            "hint_data_loading",
            "data loading? GPUs 12 % SM activity over 5 min while 2 CPU core(s) are at or over 90 % busy for 2 GPU(s) (cpu 0 95 %, cpu 1 95 %)"),
        hints());
  }

  @Test
  void oneSaturatedCoreIsNotEnoughForTwoGpus() {
    gpus(0.1);
    cpus(1, 0);
    assertEquals(Map.of(), hints());
  }

  @Test
  void ioBoundOnBusyDiskOrHighIowait() {
    gpus(0.05);
    cpus(0, 0.3);
    steady("disk_io_time_seconds_total", Map.of("device", "nvme0n1"), 0.92);
    steady("disk_io_time_seconds_total", Map.of("device", "sda"), 0.1);
    assertEquals(
        Map.of(
            "hint_io_bound",
            "I/O bound? GPUs 5 % busy over 5 min while disk nvme0n1 92 % busy, iowait 30 % of CPU time"),
        hints());
  }

  @Test
  void networkBoundNearIbLineRate() {
    gpus(0.2);
    cpus(0, 0);
    Map<String, String> port = Map.of("device", "mlx5_0", "port", "1");
    in.put(H, "infiniband_rate_bytes_per_second", port, NOW, 12.5e9);
    steady("infiniband_port_data_received_bytes_total", port, 11.6e9);
    steady("infiniband_port_data_transmitted_bytes_total", port, 2e9);
    assertEquals(
        Map.of(
            "hint_network_bound",
            "network bound? GPUs 20 % busy over 5 min while mlx5_0 port 1 receives 11.6 GB/s of 12.5 GB/s"),
        hints());
  }

  @Test
  void noHintWhileGpusAreBusyOrTheJobIsYoung() {
    gpus(0.6);
    cpus(4, 0.5);
    steady("disk_io_time_seconds_total", Map.of("device", "nvme0n1"), 1.0);
    assertEquals(Map.of(), hints());

    in.jobs.clear();
    in.jobs.add(new RunningJob("5", H, "bob", UUIDS, NOW.minus(Duration.ofMinutes(4)), Map.of()));
    gpus(0.0);
    assertEquals(Map.of(), hints());
  }

  @Test
  void hintResolvesWhenTheGpusPickUp() {
    gpus(0.1);
    cpus(2, 0);
    engine.evaluate(in, NOW);
    gpus(0.9);
    List<Alert> changes = engine.evaluate(in, NOW.plusSeconds(1));
    assertEquals(List.of(AlertState.RESOLVED), changes.stream().map(Alert::state).toList());
  }
}
