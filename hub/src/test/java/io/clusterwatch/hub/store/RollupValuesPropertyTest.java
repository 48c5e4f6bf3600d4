package io.clusterwatch.hub.store;

import static io.clusterwatch.hub.store.TickWriter.counter;
import static io.clusterwatch.hub.store.TickWriter.gauge;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.protocol.Labels;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What the raw tier and the 10 s and 60 s rollups hold, against a reference computed from the ticks
 * alone: min and max as {@link Math#min}/{@link Math#max} of the float values, avg as the float of
 * the double sum over the count, counters as rates from the previous present reading (a gap after a
 * reset). Random input with absent values, ticks missing for seconds and minutes, signed zeros,
 * repeated values, and counters that reset; several blocks, read back from both the sealed blocks
 * and the open one, whose newest sub-chunk is still being written. The coarser rollups are fed from
 * the finer ones' closed buckets, so three rollup tiers check the cascade over two levels.
 */
class RollupValuesPropertyTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final int SECONDS = 3 * 3600 + 1234;

  @Test
  void everyTierHoldsWhatTheReferenceComputesFromTheTicks() {
    for (long seed = 1; seed <= 4; seed++) {
      check(seed, 1_000, 10_000, 60_000);
    }
  }

  @Test
  void threeRollupTiersHoldWhatTheReferenceComputes() {
    for (long seed = 5; seed <= 6; seed++) {
      check(seed, 1_000, 5_000, 30_000, 300_000);
    }
  }

  /** {@code steps}: the raw step, then each rollup's. */
  private static void check(long seed, long... steps) {
    SplittableRandom r = new SplittableRandom(seed);
    List<RollupTierConfig> rollups = new java.util.ArrayList<>();
    for (int i = 1; i < steps.length; i++) {
      rollups.add(new RollupTierConfig(steps[i], 24 * 3_600_000L));
    }
    SampleStore store =
        new ColumnarSampleStore(
            new StoreConfig(steps[0], 24 * 3_600_000L, rollups, 10)
                .withSealing(600_000, 1 << 20, 60_000));
    TickWriter w =
        new TickWriter(
            store,
            "n1",
            TickWriter.table(1, gauge("g"), counter("c", 0.001), gauge("z", "zeros", "1")));
    // per series and second: the value stored (NaN: nothing)
    double[][] stored = new double[3][SECONDS];
    for (double[] series : stored) {
      java.util.Arrays.fill(series, Double.NaN);
    }
    long previousRaw = 0;
    long previousTs = Long.MIN_VALUE;
    long raw = 1L << 40;
    double gaugeValue = 0;
    for (int s = 0; s < SECONDS; s++) {
      if (r.nextInt(200) == 0) {
        s += r.nextInt(1, r.nextBoolean() ? 5 : 150); // the host went quiet
        if (s >= SECONDS) {
          break;
        }
      }
      long ts = T0 + s * 1_000L + r.nextInt(0, 300);
      Double g = null;
      if (r.nextInt(10) != 0) {
        gaugeValue = r.nextInt(8) == 0 ? gaugeValue : gaugeValue + r.nextGaussian() * 100;
        g = gaugeValue;
      }
      Long c = null;
      if (r.nextInt(10) != 0) {
        raw = r.nextInt(300) == 0 ? r.nextLong(0, 1_000) : raw + r.nextLong(0, 1L << 30);
        c = raw;
      }
      double[] zeros = {0.0, -0.0, 1e-3, -1e-3, 0.0, -0.0};
      Double z = r.nextInt(6) == 0 ? null : zeros[r.nextInt(zeros.length)];
      w.tick(ts, g, c, z);
      if (g != null) {
        stored[0][s] = g;
      }
      if (c != null) {
        stored[1][s] =
            previousTs == Long.MIN_VALUE
                ? Double.NaN
                : CounterRate.perSecond(previousRaw, previousTs, c, ts, 0.001);
        previousRaw = c;
        previousTs = ts;
      }
      if (z != null) {
        stored[2][s] = z;
      }
    }
    String[] metrics = {"g", "c", "z"};
    for (int m = 0; m < 3; m++) {
      for (long step : steps) {
        int buckets = (int) ((SECONDS * 1_000L + step - 1) / step);
        SeriesData d =
            store
                .query(
                    new SeriesQuery(
                        "n1", metrics[m], Labels.EMPTY, T0, T0 + SECONDS * 1_000L - 1, buckets))
                .get(0);
        assertEquals(step, d.stepMs(), metrics[m] + ": the tier read");
        compare(d, stored[m], "seed " + seed + ", " + metrics[m] + ", step " + step);
        // windows that start and end inside blocks and sub-chunks
        for (int i = 0; i < 20; i++) {
          long from = T0 + r.nextLong(SECONDS * 1_000L - 2 * step);
          long to = Math.min(T0 + SECONDS * 1_000L - 1, from + r.nextLong(step, 40 * step));
          int points = (int) (Math.floorDiv(to, step) - Math.floorDiv(from, step) + 1);
          SeriesData window =
              store.query(new SeriesQuery("n1", metrics[m], Labels.EMPTY, from, to, points)).get(0);
          assertEquals(step, window.stepMs(), metrics[m] + ": the tier read");
          compare(window, stored[m], "seed " + seed + ", " + metrics[m] + " from " + from);
        }
      }
    }
  }

  /** Each point of {@code d} against the reference over the seconds it covers. */
  private static void compare(SeriesData d, double[] stored, String what) {
    for (int b = 0; b < d.timestampsMs().length; b++) {
      int first = (int) ((d.timestampsMs()[b] - T0) / 1_000);
      double[] expected = reference(stored, first, (int) (d.stepMs() / 1_000));
      String where = what + ", step " + d.stepMs() + ", bucket " + b;
      assertEquals(expected[0], d.min()[b], where + ": min");
      assertEquals(expected[1], d.avg()[b], where + ": avg");
      assertEquals(expected[2], d.max()[b], where + ": max");
    }
  }

  /** Min, avg and max of the non-NaN values of {@code n} seconds from {@code first}. */
  private static double[] reference(double[] values, int first, int n) {
    float min = 0;
    float max = 0;
    double sum = 0;
    int count = 0;
    for (int s = first; s < first + n && s < values.length; s++) {
      if (Double.isNaN(values[s])) {
        continue;
      }
      float f = (float) values[s];
      min = count == 0 ? f : Math.min(min, f);
      max = count == 0 ? f : Math.max(max, f);
      sum += values[s];
      count++;
    }
    if (count == 0) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    if (n == 1) {
      return new double[] {min, min, min};
    }
    return new double[] {min, (float) (sum / count), max};
  }
}
