package io.clusterwatch.agent.expose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The agent's writer against the Prometheus Java client's text writer, tick after tick, on the same
 * families: the bytes must be equal.
 */
class TickTextWriterTest {
  private final SnapshotMapper mapper = new SnapshotMapper("gpu-node-07");
  private final TickTextWriter writer = new TickTextWriter("gpu-node-07");

  @Test
  void theFixtureTickIsWrittenByteForByteAsTheClientLibraryWritesIt() throws Exception {
    assertSameText(ExpositionFixtures.tick());
    assertSameText(ExpositionFixtures.tick()); // the second time from the kept prefixes
  }

  @Test
  void oddValuesLabelsAndNamesAreWrittenAsTheClientLibraryWritesThem() throws Exception {
    Labels gpu0 = Labels.of("gpu", "0", "gpu_uuid", "GPU-0d9c8b1e");
    double[] values = {
      0.0,
      -0.0,
      1e-7,
      0.001,
      123456789.0,
      9_999_999.0,
      1e21,
      Double.MIN_VALUE,
      -Double.MAX_VALUE,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      0.1 + 0.2
    };
    for (int i = 0; i < values.length; i++) {
      List<Sample> samples = new ArrayList<>(ExpositionFixtures.tick().samples());
      samples.add(Sample.gauge("gpu_power_watts", gpu0, values[i]));
      samples.add(Sample.gauge("memory_MemFree_bytes", Labels.EMPTY, values[i]));
      if (i % 2 == 0) { // a series and a family that come and go
        samples.add(Sample.gauge("disk_io_now", Labels.of("device", "sd" + (char) ('a' + i)), i));
        samples.add(
            Sample.gauge(
                "agent_odd_one",
                Labels.of("why", "quote \" and \\ and\nnewline", "utf8", "Grüße, 温度 ✓"),
                values[i]));
      }
      // a counter whose name lacks _total, which the text format adds
      samples.add(Sample.counter("agent_restarts", Labels.of("b", "2", "a", "1"), i));
      // a counter and a gauge whose names sort differently with and without _total
      samples.add(Sample.counter("agent_x_total", Labels.EMPTY, i));
      samples.add(Sample.gauge("agent_x_a", Labels.EMPTY, i));
      // label sets that are prefixes of one another, and label names that sort before others
      samples.add(Sample.gauge("agent_sets", Labels.of("a", "1"), 1));
      samples.add(Sample.gauge("agent_sets", Labels.of("a", "1", "b", "1"), 2));
      samples.add(Sample.gauge("agent_sets", Labels.of("B", "1"), 3));
      samples.add(Sample.gauge("agent_sets", Labels.of("a", "10"), 4));
      samples.add(Sample.gauge("agent_sets", Labels.EMPTY, 5));
      assertSameText(new Tick(1_700_000_000_000L + i * 1000L, samples));
    }
  }

  @Test
  void gpuLabelsFollowGpuInfoAndTheTickTimestampYieldsToASeriesOfItsName() throws Exception {
    Labels gpu = Labels.of("gpu", "1", "gpu_uuid", "GPU-9");
    Sample temp = Sample.gauge("gpu_temperature_celsius", gpu, 40);
    Sample mig = Sample.gauge("gpu_mig_memory_used_bytes", gpu.with("gpu_instance", "3"), 1e9);
    assertSameText(new Tick(0, List.of(temp, mig)));
    Sample info =
        Sample.gauge("gpu_info", gpu.with("model", "NVIDIA A100-SXM4-40GB").with("minor", "5"), 1);
    assertSameText(new Tick(1000, List.of(info, temp, mig)));
    assertSameText(new Tick(2000, List.of(info, temp, mig)));
    Sample own = Sample.gauge("agent_tick_timestamp_seconds", Labels.of("from", "sample"), 7);
    assertSameText(new Tick(3000, List.of(own, temp)));
    assertSameText(new Tick(4000, List.of(temp)));
  }

  @Test
  void repeatedSeriesAndTypeClashesAreDroppedAsTheReferenceDropsThem() throws Exception {
    Tick tick =
        new Tick(
            0,
            List.of(
                Sample.gauge("disk_io_now", Labels.of("device", "sda"), 1),
                Sample.gauge("disk_io_now", Labels.of("device", "sda"), 2),
                Sample.counter("disk_io_now", Labels.of("device", "sdb"), 5)));
    assertSameText(tick);
    Tick typeChanged =
        new Tick(
            1000,
            List.of(
                Sample.counter("disk_io_now", Labels.of("device", "sdb"), 5),
                Sample.gauge("disk_io_now", Labels.of("device", "sda"), 2)));
    assertSameText(typeChanged);
  }

  @Test
  void randomTicksWithSeriesComingAndGoing() throws Exception {
    SplittableRandom random = new SplittableRandom(12);
    List<Sample> all = ExpositionFixtures.tick().samples();
    for (int t = 0; t < 200; t++) {
      List<Sample> samples = new ArrayList<>();
      for (Sample s : all) {
        if (random.nextInt(4) != 0) {
          samples.add(s);
        }
      }
      for (int i = 0; i < 5; i++) {
        samples.add(
            Sample.counter(
                "network_transmit_bytes_total",
                Labels.of("device", "eth" + random.nextInt(6)),
                random.nextLong()));
      }
      assertSameText(new Tick(t * 1000L, samples));
    }
  }

  @Test
  void helpTextsAreEscaped() {
    String header =
        new String(
            TickTextWriter.header("x", FamilyTarget.Kind.GAUGE, "a \\ b\nc"),
            StandardCharsets.UTF_8);
    assertEquals("# HELP x a \\\\ b\\nc\n# TYPE x gauge\n", header);
    assertTrue(
        new String(
                TickTextWriter.header("y", FamilyTarget.Kind.UNTYPED, ""), StandardCharsets.UTF_8)
            .startsWith("# TYPE y untyped"));
  }

  private void assertSameText(Tick tick) throws Exception {
    ByteArrayOutputStream reference = new ByteArrayOutputStream();
    new PrometheusText().write(reference, mapper.map(tick));
    byte[] ours = writer.render(tick);
    assertEquals(
        reference.toString(StandardCharsets.UTF_8), new String(ours, StandardCharsets.UTF_8));
    assertArrayEquals(reference.toByteArray(), ours);
  }
}
