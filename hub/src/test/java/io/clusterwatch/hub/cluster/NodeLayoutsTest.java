package io.clusterwatch.hub.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A host's layout is built again when its series change, and only then. */
class NodeLayoutsTest {
  private static final long T = 1_764_072_000_000L;

  private final ColumnarSampleStore store = new ColumnarSampleStore(StoreConfig.defaults());
  private final AgentRegistry agents =
      new AgentRegistry(Clock.fixed(Instant.ofEpochMilli(T), ZoneOffset.UTC), 3, 10);
  private final NodeLayouts layouts = new NodeLayouts(store, agents);

  private static SeriesTable gpus(int version, int count, String unit) {
    List<SeriesDescriptor> series = new ArrayList<>();
    for (int g = 0; g < count; g++) {
      Labels l = Labels.of("gpu", Integer.toString(g), "gpu_uuid", "GPU-" + g);
      series.add(new SeriesDescriptor("gpu_utilization_ratio", l, MetricType.GAUGE, unit, 1.0));
    }
    return new SeriesTable(version, series);
  }

  private void write(HostAppender appender, SeriesTable table, long ts) {
    DataFrame f = DataFrame.empty(table.schemaVersion(), ts, ts, table.size());
    for (int i = 0; i < table.size(); i++) {
      f.setGauge(i, 0.5);
    }
    DataFrameCodec.decode(ByteBuffer.wrap(DataFrameCodec.encode(f)), table, appender.begin(ts));
    appender.commit();
  }

  @Test
  void keptWhileValuesArriveAndTheSeriesStayTheSame() {
    SeriesTable table = gpus(1, 2, "ratio");
    HostAppender appender = store.appender("n1", table);
    NodeLayout first = layouts.of("n1");
    assertEquals(2, first.gpus().size());
    write(appender, table, T);
    write(appender, table, T + 1000);
    assertSame(first, layouts.of("n1"));
    // the agent sends the same series again (a reconnect): nothing to rebuild
    store.appender("n1", gpus(2, 2, "ratio"));
    assertSame(first, layouts.of("n1"));
  }

  @Test
  void rebuiltWhenTheHostGainsSeries() {
    store.appender("n1", gpus(1, 2, "ratio"));
    NodeLayout two = layouts.of("n1");
    store.appender("n1", gpus(2, 3, "ratio"));
    NodeLayout three = layouts.of("n1");
    assertNotSame(two, three);
    assertEquals(
        List.of("GPU-0", "GPU-1", "GPU-2"), three.gpus().stream().map(g -> g.uuid()).toList());
    assertSame(three, layouts.of("n1"));
  }

  @Test
  void rebuiltWhenASeriesChangesUnit() {
    store.appender("n1", gpus(1, 1, "ratio"));
    NodeLayout before = layouts.of("n1");
    store.appender("n1", gpus(2, 1, "percent"));
    NodeLayout after = layouts.of("n1");
    assertNotSame(before, after);
    assertEquals("percent", after.series().get(0).unit());
  }

  @Test
  void rebuiltWhenTheHostIsRemovedAndSeenAgain() {
    store.appender("n1", gpus(1, 2, "ratio"));
    assertEquals(2, layouts.of("n1").gpus().size());
    store.removeHost("n1");
    assertEquals(0, layouts.of("n1").gpus().size());
    store.appender("n1", gpus(1, 1, "ratio"));
    assertEquals(1, layouts.of("n1").gpus().size());
  }

  @Test
  void hostsAreCachedApart() {
    store.appender("n1", gpus(1, 1, "ratio"));
    store.appender("n2", gpus(1, 2, "ratio"));
    NodeLayout n1 = layouts.of("n1");
    store.appender("n2", gpus(2, 3, "ratio"));
    assertSame(n1, layouts.of("n1"));
    assertEquals(3, layouts.of("n2").gpus().size());
  }
}
