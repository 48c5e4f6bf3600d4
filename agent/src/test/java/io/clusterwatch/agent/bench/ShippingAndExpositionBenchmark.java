package io.clusterwatch.agent.bench;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.agent.expose.LatestTickExposition;
import io.clusterwatch.agent.expose.TickTextWriter;
import io.clusterwatch.agent.ship.Shipper;
import io.clusterwatch.agent.ship.ShipperOptions;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-tick cost of what the agent does with a snapshot besides collecting it: one {@code
 * Shipper.submit} (series table check, frame encoding, resend buffer) and one scrape rendering (the
 * tick as node_exporter / dcgm-exporter families in the text format, as {@code /metrics} renders it
 * once per scraped tick), for a node the size of the simulator's: 8 GPUs, 64 CPUs, 4 IB ports, 8
 * NVMe disks, 4 interfaces.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ShippingAndExpositionBenchmark {
  private Tick tick;
  private Tick nextTick;
  private Tick scraped;
  private Shipper shipper;
  private ScheduledExecutorService scheduler;
  private LatestTickExposition exposition;
  private long timestamp;

  /** 900 series, shaped like a GPU node's tick. */
  static List<Sample> nodeTick(long step) {
    List<Sample> s = new ArrayList<>();
    String[] modes = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
    for (int cpu = 0; cpu < 64; cpu++) {
      for (String mode : modes) {
        s.add(
            Sample.counter(
                "cpu_seconds_total",
                Labels.of("cpu", Integer.toString(cpu), "mode", mode),
                1_000_000 + step * 37,
                0.01));
      }
    }
    for (int i = 0; i < 40; i++) {
      s.add(Sample.gauge("memory_Field" + i + "_bytes", Labels.EMPTY, 1e9 + step));
    }
    String[] disk = {
      "reads_completed_total",
      "read_bytes_total",
      "writes_completed_total",
      "written_bytes_total",
      "io_time_seconds_total",
      "read_time_seconds_total",
      "write_time_seconds_total",
      "io_time_weighted_seconds_total"
    };
    for (int d = 0; d < 8; d++) {
      for (String m : disk) {
        s.add(Sample.counter("disk_" + m, Labels.of("device", "nvme" + d + "n1"), step * 4096));
      }
      s.add(Sample.gauge("disk_io_now", Labels.of("device", "nvme" + d + "n1"), 1));
    }
    for (int n = 0; n < 4; n++) {
      for (String m :
          new String[] {
            "receive_bytes",
            "transmit_bytes",
            "receive_packets",
            "transmit_packets",
            "receive_errs",
            "transmit_errs",
            "receive_drop",
            "transmit_drop"
          }) {
        s.add(
            Sample.counter("network_" + m + "_total", Labels.of("device", "eth" + n), step * 1500));
      }
    }
    for (int p = 0; p < 4; p++) {
      Labels port = Labels.of("device", "mlx5_" + p, "port", "1");
      for (int c = 0; c < 20; c++) {
        s.add(Sample.counter("infiniband_counter" + c + "_total", port, step * 1000));
      }
      s.add(Sample.gauge("infiniband_state_id", port, 4));
    }
    for (int g = 0; g < 8; g++) {
      Labels gpu =
          Labels.of(
              "gpu",
              Integer.toString(g),
              "gpu_uuid",
              "GPU-" + g,
              "pci_bus_id",
              "00000000:" + (10 + g) + ":00.0");
      s.add(
          Sample.gauge(
              "gpu_info",
              gpu.with("model", "NVIDIA H100 80GB HBM3").with("minor", Integer.toString(g)),
              1));
      for (String m :
          new String[] {
            "gpu_utilization_ratio",
            "gpu_memory_utilization_ratio",
            "gpu_memory_used_bytes",
            "gpu_memory_free_bytes",
            "gpu_memory_total_bytes",
            "gpu_temperature_celsius",
            "gpu_power_watts",
            "gpu_power_limit_watts",
            "gpu_sm_clock_hertz",
            "gpu_memory_clock_hertz",
            "gpu_clock_event_reasons",
            "gpu_stale",
            "gpu_last_xid",
            "gpu_compute_processes",
            "gpu_mig_mode"
          }) {
        s.add(Sample.gauge(m, gpu, 0.5 + step % 7));
      }
      s.add(Sample.counter("gpu_energy_joules_total", gpu, step * 300_000, 0.001));
      s.add(Sample.counter("gpu_ecc_corrected_errors_total", gpu, 0));
      s.add(Sample.counter("gpu_ecc_uncorrected_errors_total", gpu, 0));
      s.add(Sample.counter("gpu_pcie_replay_total", gpu, 0));
    }
    return s;
  }

  @Setup(Level.Trial)
  public void setUp() {
    tick = new Tick(1_700_000_000_000L, nodeTick(1));
    nextTick = new Tick(1_700_000_001_000L, nodeTick(2));
    scheduler = Executors.newSingleThreadScheduledExecutor();
    // Never started: frames go into the resend buffer, which drops the oldest at its bound,
    // the steady state of an agent whose hub is away.
    shipper =
        new Shipper(
            new ShipperOptions(
                URI.create("ws://127.0.0.1:9/ingest"),
                "",
                "n01",
                "n01",
                "",
                Duration.ofSeconds(1),
                Map.of(),
                600,
                32L << 20,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                "bench",
                null),
            scheduler,
            Clock.systemUTC());
    exposition = new LatestTickExposition(new TickTextWriter("n01"));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    shipper.close();
    scheduler.shutdownNow();
  }

  @Benchmark
  public Object submitOneTick() {
    shipper.submit(timestamp += 1000, tick.samples());
    return shipper;
  }

  /** The first scrape of a tick: its text, as {@code /metrics} renders it. */
  @Benchmark
  public int renderOneScrape() {
    return nextTickScraped().text().length;
  }

  /** The first gzip-accepting scrape of a tick (Prometheus's): its text, gzipped. */
  @Benchmark
  public int renderAndGzipOneScrape() {
    return nextTickScraped().gzip().length;
  }

  private LatestTickExposition.Body nextTickScraped() {
    // Ticks alternate between two steps, so counters and most gauges change as in a live agent.
    scraped = scraped == tick ? nextTick : tick;
    exposition.onTick(scraped);
    return exposition.current();
  }
}
