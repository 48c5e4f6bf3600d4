package io.clusterwatch.agent.expose;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.util.List;

/** One tick with a sample of every kind of family the exposition maps. */
final class ExpositionFixtures {
  private ExpositionFixtures() {}

  static Tick tick() {
    Labels gpu0 =
        Labels.of("gpu", "0", "gpu_uuid", "GPU-0d9c8b1e", "pci_bus_id", "00000000:1A:00.0");
    return new Tick(
        1_700_000_000_500L,
        List.of(
            // 1087069 USER_HZ ticks = 10870.69 s, as node_exporter divides by 100.
            Sample.counter(
                "cpu_seconds_total", Labels.of("cpu", "0", "mode", "idle"), 1087069, 0.01),
            Sample.counter("disk_read_bytes_total", Labels.of("device", "sda"), 12_345_678_901L),
            Sample.counter(
                "disk_io_time_seconds_total", Labels.of("device", "sda"), 1_234_567, 0.001),
            Sample.gauge("disk_io_now", Labels.of("device", "sda"), 3),
            Sample.gauge("memory_MemAvailable_bytes", Labels.EMPTY, 16_042_172_416.0),
            Sample.counter("network_receive_bytes_total", Labels.of("device", "eth0"), -1L),
            Sample.gauge(
                "infiniband_info",
                Labels.of("device", "mlx5_0", "port", "1", "link_layer", "InfiniBand"),
                1),
            Sample.gauge(
                "gpu_info", gpu0.with("model", "NVIDIA H100 80GB HBM3").with("minor", "3"), 1),
            Sample.gauge("gpu_utilization_ratio", gpu0, 0.87),
            Sample.gauge("gpu_memory_used_bytes", gpu0, 42.5 * (1 << 20)),
            Sample.gauge("gpu_sm_clock_hertz", gpu0, 1_410_000_000.0),
            Sample.gauge("gpu_power_watts", gpu0, 301.25),
            Sample.gauge("gpu_sm_active_ratio", gpu0, 0.43),
            Sample.gauge("gpu_pcie_transmit_bytes_per_second", gpu0, 1.5e9),
            Sample.counter("gpu_energy_joules_total", gpu0, 987_654_321L, 0.001),
            Sample.counter("gpu_ecc_uncorrected_errors_total", gpu0, 2),
            Sample.counter("gpu_xid_errors_total", gpu0.with("xid", "79"), 1),
            Sample.gauge("gpu_stale", gpu0, 0),
            Sample.gauge("agent_collector_success", Labels.of("collector", "disk"), 1)));
  }
}
