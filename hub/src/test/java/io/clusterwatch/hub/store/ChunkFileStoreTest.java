package io.clusterwatch.hub.store;

import static io.clusterwatch.hub.store.TickWriter.counter;
import static io.clusterwatch.hub.store.TickWriter.gauge;
import static io.clusterwatch.hub.store.TickWriter.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store over real chunk files: sealing, restart, retention, corruption, the cache bound. */
class ChunkFileStoreTest {
  static final long T0 = SampleStoreContractSupport.T0;

  /**
   * 60 s blocks; raw 10 min, 10 s for 30 min, 60 s for 2 h; 1 KB of cache; files written at once.
   */
  static final StoreConfig CONFIG =
      new StoreConfig(
              1_000,
              600_000,
              List.of(
                  new RollupTierConfig(10_000, 1_800_000), new RollupTierConfig(60_000, 7_200_000)),
              64)
          .withSealing(60_000, 1_024, 0);

  @TempDir Path dir;

  static long sec(long s) {
    return T0 + s * 1_000;
  }

  private ColumnarSampleStore open(List<Long> sealedThrough) throws Exception {
    return ColumnarSampleStore.open(CONFIG, dir, sealedThrough::add);
  }

  private static void fill(ColumnarSampleStore store, long from, long to) {
    TickWriter w =
        new TickWriter(
            store,
            "n1",
            table(
                1,
                gauge("gpu_power_watts", "gpu", "0"),
                counter("gpu_energy_joules_total", 0.001, "gpu", "0")));
    for (long s = from; s < to; s++) {
      w.tick(sec(s), (double) (s % 50), 1_000L * s * s);
    }
  }

  private static SeriesData query(
      ColumnarSampleStore store, String metric, long from, long to, int max) {
    return store.query(new SeriesQuery("n1", metric, Labels.EMPTY, sec(from), sec(to), max)).get(0);
  }

  private List<Path> files(int tier) throws Exception {
    Path d = dir.resolve(Integer.toString(tier));
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> p.toString().endsWith(".chunk")).sorted().toList();
    }
  }

  @Test
  void closedBlocksAreWrittenOneFilePerTierAndBlockAndTheLogHearsHowFarFilesReach()
      throws Exception {
    List<Long> through = new ArrayList<>();
    try (ColumnarSampleStore store = open(through)) {
      fill(store, 0, 300);
      store.flush();
      // blocks 0..3 closed (the tick at 240 opened block 4); every tier writes each one
      for (int tier = 0; tier < 3; tier++) {
        assertEquals(4, files(tier).size(), "files of tier " + tier + ": " + files(tier));
        assertTrue(store.diskBytes(tier) > 0);
      }
      assertEquals(sec(240), through.get(through.size() - 1), "blocks up to 240 s are in files");
      assertTrue(store.memoryBytes(0) < 2_000, "raw tier in memory: " + store.memoryBytes(0));
    }
  }

  @Test
  void aReopenedStoreAnswersFromItsFilesAsBefore() throws Exception {
    SeriesData raw;
    SeriesData rate;
    SeriesData rolled;
    try (ColumnarSampleStore store = open(new ArrayList<>())) {
      fill(store, 0, 300);
      raw = query(store, "gpu_power_watts", 0, 239, 1_000);
      rate = query(store, "gpu_energy_joules_total", 0, 239, 1_000);
      rolled = query(store, "gpu_power_watts", 0, 239, 30);
    }
    try (ColumnarSampleStore back = open(new ArrayList<>())) {
      assertEquals(List.of("n1"), back.hosts());
      assertEquals(
          List.of(MetricType.COUNTER, MetricType.GAUGE),
          back.series("n1").stream().map(SeriesInfo::type).toList());
      assertEquals("joules", back.series("n1").get(0).unit());
      SeriesData raw2 = query(back, "gpu_power_watts", 0, 239, 1_000);
      assertArrayEquals(raw.timestampsMs(), raw2.timestampsMs());
      assertArrayEquals(raw.avg(), raw2.avg());
      assertArrayEquals(rate.avg(), query(back, "gpu_energy_joules_total", 0, 239, 1_000).avg());
      SeriesData rolled2 = query(back, "gpu_power_watts", 0, 239, 30);
      assertEquals(10_000, rolled2.stepMs());
      assertArrayEquals(rolled.min(), rolled2.min());
      assertArrayEquals(rolled.avg(), rolled2.avg());
      assertArrayEquals(rolled.max(), rolled2.max());
      // ticks inside the sealed blocks are refused; the next block goes on
      assertFalse(
          new TickWriter(back, "n1", table(1, gauge("gpu_power_watts", "gpu", "0")))
              .tick(sec(200), 1.0));
      assertTrue(
          new TickWriter(back, "n1", table(1, gauge("gpu_power_watts", "gpu", "0")))
              .tick(sec(240), 7.0));
      assertEquals(7.0, query(back, "gpu_power_watts", 240, 240, 10).avg()[0]);
      assertTrue(back.cachedBytes() <= 1_024, "cache within its budget: " + back.cachedBytes());
    }
  }

  @Test
  void retentionDeletesWholeFiles() throws Exception {
    try (ColumnarSampleStore store = open(new ArrayList<>())) {
      fill(store, 0, 1_000);
      store.flush();
      // raw keeps 10 min: of blocks 0..15, those ending before 1000 - 600 s are gone
      List<Path> raw = files(0);
      assertEquals(T0 + 360_000 + "-0.chunk", raw.get(0).getFileName().toString(), raw.toString());
      assertEquals(T0 + 900_000 + "-0.chunk", raw.get(raw.size() - 1).getFileName().toString());
      assertEquals(16, files(1).size(), "the 10 s tier keeps 30 min");
      assertEquals(T0 + "-0.chunk", files(1).get(0).getFileName().toString());
    }
  }

  @Test
  void aCorruptFileIsSetAsideAndTheRestIsServed() throws Exception {
    try (ColumnarSampleStore store = open(new ArrayList<>())) {
      fill(store, 0, 300);
    }
    Path first = files(0).get(0);
    byte[] bytes = Files.readAllBytes(first);
    bytes[bytes.length - 25] ^= 0x55;
    Files.write(first, bytes);
    try (ColumnarSampleStore back = open(new ArrayList<>())) {
      assertTrue(Files.exists(first.resolveSibling(first.getFileName() + ".corrupt")));
      SeriesData raw = query(back, "gpu_power_watts", 0, 239, 1_000);
      assertEquals(sec(60), raw.timestampsMs()[0], "block 0 is gone");
      assertEquals(180, raw.avg().length);
      assertEquals(60 % 50, raw.avg()[0], "block 1 is served");
    }
  }

  @Test
  void aQuietHostsBlockIsSealedOnceOthersArePastItsEnd() throws Exception {
    List<Long> through = new ArrayList<>();
    try (ColumnarSampleStore store = open(through)) {
      TickWriter quiet = new TickWriter(store, "quiet", table(1, gauge("gpu_power_watts")));
      quiet.tick(sec(10), 3.0);
      TickWriter busy = new TickWriter(store, "busy", table(1, gauge("gpu_power_watts")));
      for (long s = 0; s < 130; s++) {
        busy.tick(sec(s), 1.0);
      }
      store.flush();
      assertEquals(sec(120), through.get(through.size() - 1));
      assertEquals(
          3.0,
          store
              .query(
                  new SeriesQuery("quiet", "gpu_power_watts", Labels.EMPTY, sec(10), sec(10), 10))
              .get(0)
              .avg()[0]);
      assertFalse(quiet.tick(sec(20), 4.0), "its sealed block takes no more ticks");
      assertTrue(quiet.tick(sec(125), 5.0));
    }
  }
}
