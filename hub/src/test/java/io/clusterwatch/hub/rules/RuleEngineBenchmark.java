package io.clusterwatch.hub.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of one evaluation of every standard rule over a cluster held in {@link FakeRuleInputs}: per
 * host 8 GPUs (each with a job, utilisation, processes, temperature, clock reasons, XID and ECC
 * series), 16 CPUs x 3 modes, 2 disks, 1 IB port, 30 points per series. Measures the rules and the
 * engine, not the hub's store. Run: see docs/benchmarks/jobs-rules.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RuleEngineBenchmark {
  @Param({"16", "128"})
  public int hosts;

  private FakeRuleInputs inputs;
  private RuleEngine engine;
  private Instant now;

  @Setup
  public void setUp() {
    Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
    now = t0.plus(Duration.ofMinutes(30));
    inputs = new FakeRuleInputs();
    for (int h = 0; h < hosts; h++) {
      String host = "gpu" + h;
      List<String> uuids = new ArrayList<>();
      for (int g = 0; g < 8; g++) {
        String uuid = "GPU-" + h + "-" + g;
        uuids.add(uuid);
        Map<String, String> gpu = Map.of("gpu", Integer.toString(g), "gpu_uuid", uuid);
        for (int p = 0; p < 30; p++) {
          Instant t = now.minus(Duration.ofMinutes(p));
          inputs.put(host, "gpu_utilization_ratio", gpu, t, g % 2 == 0 ? 0.0 : 0.7);
          inputs.put(host, "gpu_compute_processes", gpu, t, g % 3 == 0 ? 0 : 1);
          inputs.put(host, "gpu_temperature_celsius", gpu, t, 60 + g * 4);
          inputs.put(host, "gpu_clock_event_reasons", gpu, t, g == 7 ? 0x40 : 0);
        }
        inputs.put(
            host,
            "gpu_xid_errors_total",
            Map.of("gpu", Integer.toString(g), "gpu_uuid", uuid, "xid", "13"),
            now,
            0);
        inputs.counter(host, "gpu_ecc_uncorrected_errors_total", gpu, 0);
      }
      for (int c = 0; c < 16; c++) {
        for (String mode : List.of("user", "iowait", "idle")) {
          for (int p = 0; p < 30; p++) {
            inputs.put(
                host,
                "cpu_seconds_total",
                Map.of("cpu", Integer.toString(c), "mode", mode),
                now.minus(Duration.ofSeconds(10L * p)),
                mode.equals("idle") ? 0.6 : 0.2);
          }
        }
      }
      for (String disk : List.of("nvme0n1", "sda")) {
        inputs.put(host, "disk_io_time_seconds_total", Map.of("device", disk), now, 0.3);
      }
      Map<String, String> port = Map.of("device", "mlx5_0", "port", "1");
      inputs.put(host, "infiniband_state_id", port, now, 4);
      inputs.put(host, "infiniband_physical_state_id", port, now, 5);
      inputs.put(host, "infiniband_rate_bytes_per_second", port, now, 25e9);
      inputs.put(host, "infiniband_port_data_received_bytes_total", port, now, 1e9);
      inputs.put(host, "infiniband_symbol_error_total", port, now, 0);
      inputs.lastSeen.put(host, now.minusSeconds(1));
      inputs.visibleGpus.put(host, 8);
      inputs.expectedGpus.put(host, 8);
      inputs.jobs.add(
          new RunningJob("job" + h, host, "user" + h, uuids, t0, Map.of("account", "acct")));
    }
    engine = new RuleEngine(StandardRules.create(RulesConfig.defaults()), Duration.ofMinutes(15));
  }

  @Benchmark
  public List<Alert> evaluateAllRules() {
    return engine.evaluate(inputs, now);
  }
}
