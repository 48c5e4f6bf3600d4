package io.clusterwatch.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestTables;
import io.clusterwatch.hub.wal.SegmentFiles;
import io.clusterwatch.protocol.message.Welcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub over real sockets and a real data directory with 60 s blocks: closed blocks go to chunk
 * files, the log segments before them are deleted (their hello carried), and a restarted hub serves
 * every second once, from the files and the rest of the log.
 */
@ExtendWith(VertxExtension.class)
class DurableStoreRestartTest {
  static final long T0 = 1_764_072_000_000L; // a multiple of 60 s
  @TempDir Path dir;

  private record Running(
      DurableStore durable, HubServices services, Hub hub, PrometheusMeterRegistry registry) {}

  private Running start(Vertx vertx) throws Exception {
    HubConfig config = HubConfig.defaults().withPort(0).withDataPath(dir.toString());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // every group commit starts a new log segment, so that a checkpoint can delete the older ones
    DurableStore durable = DurableStore.open(config, SegmentFiles.local(), 1);
    HubServices services =
        HubServices.create(
            config,
            Clock.systemUTC(),
            durable.openStore(HubMain.storeConfig(config).withSealing(60_000, 1 << 20, 0)),
            registry,
            durable.log());
    durable.replay(services, registry);
    return new Running(durable, services, Hub.start(vertx, services).await(), registry);
  }

  private static double[] util0(HubServices s, int fromSec, int toSec) {
    List<SeriesData> d =
        s.store()
            .query(
                new SeriesQuery(
                    "node-a",
                    "gpu_utilization_ratio",
                    TestTables.gpu(0),
                    T0 + fromSec * 1000L,
                    T0 + toSec * 1000L,
                    1000));
    return d.get(0).avg();
  }

  private static double util(int second) {
    return (second % 97) / 100.0;
  }

  private List<Path> files(String sub) throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve(sub))) {
      return s.sorted().toList();
    }
  }

  @Test
  void sealedBlocksLeaveTheLogAndARestartServesEverySecondOnce(Vertx vertx) throws Exception {
    Running first = start(vertx);
    try (TestAgent a = TestAgent.connect(vertx, first.hub().port())) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
      a.next(Welcome.class);
      for (int s = 1; s < 120; s++) {
        a.sendBinary(TestTables.nodeFrame(1, s, T0 + s * 1000L, util(s), 0));
      }
      a.awaitAck(119);
      for (int s = 120; s <= 130; s++) { // opens block 2: blocks 0 and 1 are sealed and written
        a.sendBinary(TestTables.nodeFrame(1, s, T0 + s * 1000L, util(s), 0));
      }
      a.awaitAck(130);
      a.sendBinary(TestTables.nodeFrame(1, 131, T0 + 131_000L, util(131), 0));
      a.awaitAck(131); // one more group commit: the checkpoint deletes the older segments
    }
    assertEquals(2, files("chunks/0").size(), "raw blocks 0 and 1: " + files("chunks/0"));
    String metrics = first.registry().scrape();
    assertTrue(metrics.contains("clusterwatch_store_disk_bytes{tier=\"raw\"}"), metrics);
    assertTrue(metrics.contains("clusterwatch_store_memory_bytes{tier=\"60s\"}"), metrics);
    first.hub().stop().await();
    first.durable().close();
    List<Path> wal = files("wal");
    assertTrue(wal.contains(dir.resolve("wal/carried.log")), wal.toString());
    assertFalse(
        wal.contains(dir.resolve("wal/0000000000000000.wal")), "the first segment is gone: " + wal);

    Running second = start(vertx);
    double[] expected = new double[131];
    for (int s = 1; s <= 131; s++) {
      expected[s - 1] = util(s);
    }
    assertArrayEquals(expected, util0(second.services(), 1, 131), 1e-6);
    try (TestAgent a = TestAgent.connect(vertx, second.hub().port())) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 131));
      assertEquals(131, a.next(Welcome.class).lastSeq());
      a.sendBinary(TestTables.nodeFrame(1, 132, T0 + 132_000L, util(132), 0));
      a.awaitAck(132);
    }
    assertEquals(util(132), util0(second.services(), 132, 132)[0], 1e-6);
    second.hub().stop().await();
    second.durable().close();
  }
}
