package io.clusterwatch.simulator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.SeriesKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsistencyTest {
  private static final long T0 = 1_780_000_000_000L;

  @Test
  void countersNeverGoBackAndSeriesNeverDisappear() {
    ClusterModel model = new ClusterModel(6, 11, T0);
    Map<String, Map<SeriesKey, Long>> last = new HashMap<>();
    Map<String, Set<SeriesKey>> seen = new HashMap<>();
    for (long t = T0; t <= T0 + 12 * 60_000; t += 1000) {
      for (NodeTick tick : model.tick(t)) {
        Map<SeriesKey, Long> prev = last.computeIfAbsent(tick.host(), h -> new HashMap<>());
        Set<SeriesKey> keys = new HashSet<>();
        for (Sample s : tick.samples()) {
          keys.add(s.key());
          if (s.type() == MetricType.COUNTER) {
            Long before = prev.put(s.key(), s.counterValue());
            assertTrue(
                before == null || Long.compareUnsigned(s.counterValue(), before) >= 0,
                () -> s.key() + " went back on " + tick.host() + " at " + tick.timeMs());
          } else {
            assertTrue(Double.isFinite(s.gaugeValue()), () -> s.key() + " is " + s.gaugeValue());
          }
        }
        Set<SeriesKey> before = seen.put(tick.host(), keys);
        if (before != null) {
          assertTrue(keys.containsAll(before), "a series disappeared on " + tick.host());
        }
        if (before == null || before.size() != keys.size()) {
          // Throws on a bad name or scale.
          tick.samples().forEach(Sample::descriptor);
        }
        assertTrue(
            keys.size() >= 300 && keys.size() <= 600,
            tick.host() + " has " + keys.size() + " series");
      }
    }
  }

  @Test
  void energyIntegratesTheReportedPower() {
    ClusterModel model = new ClusterModel(4, 3, T0);
    Map<String, TickIndex> previous = TickIndex.byHost(model.tick(T0));
    int checked = 0;
    for (long t = T0 + 1000; t <= T0 + 10 * 60_000; t += 1000) {
      Map<String, TickIndex> current = TickIndex.byHost(model.tick(t));
      for (String host : current.keySet()) {
        for (int g = 0; g < 8; g++) {
          String gpu = Integer.toString(g);
          double p0 = previous.get(host).value("gpu_power_watts", "gpu", gpu);
          double p1 = current.get(host).value("gpu_power_watts", "gpu", gpu);
          double joules =
              current.get(host).value("gpu_energy_joules_total", "gpu", gpu)
                  - previous.get(host).value("gpu_energy_joules_total", "gpu", gpu);
          // One second at a power between the two readings, give or take the mJ and mW rounding.
          assertTrue(
              joules >= Math.min(p0, p1) - 0.003 && joules <= Math.max(p0, p1) + 0.003,
              host + " gpu " + g + ": " + joules + " J between " + p0 + " W and " + p1 + " W");
          checked++;
        }
      }
      previous = current;
    }
    assertEquals(4 * 8 * 600, checked);
  }

  @Test
  void everyCpuSpendsOneHundredTicksPerSecondAcrossItsModes() {
    ClusterModel model = new ClusterModel(2, 5, T0);
    Map<String, TickIndex> start = TickIndex.byHost(model.tick(T0));
    Map<String, TickIndex> end = null;
    for (long t = T0 + 1000; t <= T0 + 60_000; t += 1000) {
      end = TickIndex.byHost(model.tick(t));
    }
    for (String host : end.keySet()) {
      for (int cpu = 0; cpu < 32; cpu++) {
        long ticks = 0;
        for (String mode : SimulatedCpu.MODES) {
          ticks +=
              rawDelta(
                  start.get(host),
                  end.get(host),
                  "cpu_seconds_total",
                  "cpu",
                  Integer.toString(cpu),
                  "mode",
                  mode);
        }
        // 60 s at USER_HZ 100; each of the 8 modes may lag its exact value by under one tick.
        assertTrue(Math.abs(ticks - 6000) <= 8, host + " cpu " + cpu + ": " + ticks + " ticks");
      }
    }
  }

  @Test
  void byteCountersAgreeWithTheirOperationCountsAndScales() {
    ClusterModel model = new ClusterModel(6, 9, T0);
    Map<String, TickIndex> start = TickIndex.byHost(model.tick(T0));
    Map<String, TickIndex> end = null;
    for (long t = T0 + 1000; t <= T0 + 120_000; t += 1000) {
      end = TickIndex.byHost(model.tick(t));
    }
    TickIndex node = end.get("gpu-node-05");
    Sample rxBytes =
        node.find("infiniband_port_data_received_bytes_total", "device", "mlx5_0").get(0);
    assertEquals(4.0, rxBytes.scale(), "port_rcv_data counts 4-byte words");
    assertEquals(512.0, node.find("disk_read_bytes_total", "device", "nvme1n1").get(0).scale());
    assertEquals(
        0.001, node.find("disk_io_time_seconds_total", "device", "nvme1n1").get(0).scale());
    assertEquals(0.01, node.find("cpu_seconds_total", "cpu", "0", "mode", "user").get(0).scale());
    assertEquals(0.001, node.find("gpu_energy_joules_total", "gpu", "0").get(0).scale());
    assertEquals(5e10, node.value("infiniband_rate_bytes_per_second", "device", "mlx5_0"));

    double ibBytes =
        delta(
            start.get("gpu-node-05"),
            node,
            "infiniband_port_data_received_bytes_total",
            "device",
            "mlx5_0");
    double ibPackets =
        delta(
            start.get("gpu-node-05"),
            node,
            "infiniband_port_packets_received_total",
            "device",
            "mlx5_0");
    assertEquals(4096, ibBytes / ibPackets, 1, "IB bytes per packet at MTU 4096");
    // The two-node job on nodes 5 and 6 all-reduces at 55-75 % of the 400 Gb/s line rate.
    assertTrue(ibBytes / 120 > 0.3 * 5e10, "all-reduce traffic " + ibBytes / 120 + " B/s");

    double read =
        delta(
            start.get("gpu-node-01"),
            end.get("gpu-node-01"),
            "disk_read_bytes_total",
            "device",
            "nvme1n1");
    double reads =
        delta(
            start.get("gpu-node-01"),
            end.get("gpu-node-01"),
            "disk_reads_completed_total",
            "device",
            "nvme1n1");
    assertEquals(128 * 1024, read / reads, 1024, "bytes per read request");
  }

  static long rawDelta(TickIndex a, TickIndex b, String metric, String... labels) {
    return b.find(metric, labels).get(0).counterValue()
        - a.find(metric, labels).get(0).counterValue();
  }

  static double delta(TickIndex a, TickIndex b, String metric, String... labels) {
    List<Sample> before = a.find(metric, labels);
    List<Sample> after = b.find(metric, labels);
    return after.get(0).doubleValue() - before.get(0).doubleValue();
  }
}
