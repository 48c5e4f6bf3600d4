package io.clusterwatch.agent.expose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cached writer against the client library's writer, tick after tick, on the same families. */
class CachedTextWriterTest {
  private final SnapshotMapper mapper = new SnapshotMapper("gpu-node-07");
  private final CachedTextWriter cached = new CachedTextWriter();

  @Test
  void theFixtureTickIsWrittenByteForByteAsTheClientLibraryWritesIt() throws Exception {
    assertSameText(ExpositionFixtures.tick());
    assertSameText(ExpositionFixtures.tick()); // the second time from the cache
  }

  @Test
  void valuesSeriesAndFamiliesChangingBetweenTicks() throws Exception {
    Labels gpu0 = Labels.of("gpu", "0", "gpu_uuid", "GPU-0d9c8b1e");
    double[] values = {
      0.0,
      -0.0,
      1e-7,
      123456789.0,
      1e21,
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
            Sample.gauge("agent_odd_one", Labels.of("why", "quote \" and \\ and\nnewline"), i));
      }
      assertSameText(new Tick(1_700_000_000_000L + i * 1000L, samples));
    }
  }

  private void assertSameText(Tick tick) throws Exception {
    ByteArrayOutputStream reference = new ByteArrayOutputStream();
    new PrometheusText().write(reference, new SnapshotMapper("gpu-node-07").map(tick));
    assertEquals(
        reference.toString(StandardCharsets.UTF_8),
        new String(cached.render(mapper.map(tick)), StandardCharsets.UTF_8));
  }
}
