package io.clusterwatch.hub.store;

import static io.clusterwatch.hub.store.TickWriter.counter;
import static io.clusterwatch.hub.store.TickWriter.gauge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.SeriesKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SampleStore#sums} as the store reads it, without the points, against the same sums taken
 * from {@link SampleStore#query}'s points: random windows over a store with several blocks (sealed
 * ones in chunk files, the open one with its sub-chunk being written), every tier chosen, grouped
 * points, the rollups' open buckets, gaps, and series whose labels contain another's.
 */
class WindowSumsTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final int SECONDS = 2 * 3600 + 777;

  @TempDir Path dir;

  @Test
  void theMeanAndIncreaseOfKnownPoints() {
    SeriesData d =
        new SeriesData(
            "n1",
            new SeriesKey("c", Labels.EMPTY),
            "",
            10_000,
            new long[] {T0 - 10_000, T0, T0 + 10_000, T0 + 20_000},
            new double[4],
            new double[] {8, 2, Double.NaN, 4},
            new double[4]);
    WindowSums s = WindowSums.of(d, T0);
    assertEquals(new WindowSums(3, 14, 1, 40), s, "the point at the start is not after it");
    assertEquals(OptionalDouble.of(14 / 3.0), s.mean());
    assertEquals(OptionalDouble.of(40), s.increase(), "a rate of 4/s for 10 s");
    WindowSums none = WindowSums.of(d, T0 + 20_000);
    assertEquals(OptionalDouble.empty(), none.increase());
  }

  @Test
  void sumsAsReadEqualTheSumsOfTheQueriedPoints() throws java.io.IOException {
    ColumnarSampleStore store =
        ColumnarSampleStore.open(
            new StoreConfig(
                    1_000,
                    24 * 3_600_000L,
                    List.of(
                        new RollupTierConfig(10_000, 24 * 3_600_000L),
                        new RollupTierConfig(60_000, 24 * 3_600_000L)),
                    10)
                .withSealing(600_000, 4_096, 0),
            dir.resolve("chunks"),
            t -> {});
    // answers through query(): the interface's own sums, after the waiting block files are written
    SampleStore byPoints = new FlushingStore(store);
    TickWriter w =
        new TickWriter(
            store,
            "n1",
            TickWriter.table(
                1,
                gauge("util", "gpu", "0"),
                gauge("util", "gpu", "0", "mig", "1"),
                counter("bytes", 1, "port", "1")));
    List<SeriesKey> keys =
        List.of(
            new SeriesKey("util", Labels.of("gpu", "0")),
            new SeriesKey("util", Labels.of("gpu", "0", "mig", "1")),
            new SeriesKey("bytes", Labels.of("port", "1")));
    SplittableRandom r = new SplittableRandom(7);
    double util = 50;
    long bytes = 1L << 20;
    int rulePasses = 0;
    for (int s = 0; s < SECONDS; s++) {
      if (r.nextInt(300) == 0) {
        s += r.nextInt(1, 120); // the host went quiet
      }
      util = r.nextInt(5) == 0 ? util : Math.max(0, util + r.nextGaussian() * 10);
      bytes += r.nextLong(0, 1L << 24);
      long now = T0 + s * 1_000L + r.nextInt(300);
      w.tick(
          now, r.nextInt(8) == 0 ? null : util, r.nextDouble(), r.nextInt(8) == 0 ? null : bytes);
      if (s % 97 == 0) {
        // the rules' windows, read again as ticks arrive: sums kept from one pass to the next
        // must still be those of the points
        for (long window : new long[] {300_000, 1_800_000}) {
          for (SeriesKey key : keys) {
            assertSameSums(
                byPoints.sums("n1", key, now - window, now, 4_000),
                store.sums("n1", key, now - window, now, 4_000),
                key + " over the " + window + " ms before " + now);
          }
        }
        rulePasses++;
      }
    }
    assertTrue(rulePasses > 70, "passes: " + rulePasses);
    int[] budgets = {1, 3, 40, 700, 4_000};
    int compared = 0;
    for (int i = 0; i < 400; i++) {
      long from = T0 + r.nextLong(-600_000, SECONDS * 1_000L + 60_000);
      if (i % 3 == 1) {
        from -= Math.floorMod(from, 60_000); // a point of every tier starts at the window's start
      }
      long to = from + r.nextLong(0, i % 4 == 0 ? 3 * 3_600_000L : 20 * 60_000L);
      int maxPoints = budgets[r.nextInt(budgets.length)];
      for (SeriesKey key : keys) {
        Optional<WindowSums> expected = byPoints.sums("n1", key, from, to, maxPoints);
        Optional<WindowSums> read = store.sums("n1", key, from, to, maxPoints);
        assertSameSums(expected, read, key + " over " + from + ".." + to + ", " + maxPoints);
        compared += expected.map(WindowSums::points).orElse(0) > 0 ? 1 : 0;
      }
    }
    assertTrue(compared > 600, "windows with points: " + compared);
    assertEquals(
        Optional.empty(),
        store.sums("n1", new SeriesKey("util", Labels.of("gpu", "1")), T0, T0, 1));
    assertEquals(Optional.empty(), store.sums("n2", keys.get(0), T0, T0 + 1_000, 10));
  }

  /**
   * The same points, and sums equal but for rounding: whole sub-chunks are added as their own sums
   * ({@link SubChunkSums}), in another order than point by point.
   */
  private static void assertSameSums(
      Optional<WindowSums> expected, Optional<WindowSums> read, String what) {
    assertEquals(expected.isPresent(), read.isPresent(), what);
    if (expected.isEmpty()) {
      return;
    }
    WindowSums want = expected.get();
    WindowSums got = read.get();
    assertEquals(want.points(), got.points(), what + ": points");
    assertEquals(want.pointsAfterStart(), got.pointsAfterStart(), what + ": points after start");
    assertEquals(want.sum(), got.sum(), 1e-12 * Math.max(1, Math.abs(want.sum())), what + ": sum");
    assertEquals(
        want.areaAfterStart(),
        got.areaAfterStart(),
        1e-12 * Math.max(1, Math.abs(want.areaAfterStart())),
        what + ": increase");
  }
}
