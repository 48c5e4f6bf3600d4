package io.clusterwatch.hub.store;

import static io.clusterwatch.hub.store.TickWriter.gauge;
import static io.clusterwatch.hub.store.TickWriter.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.Labels;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SampleStore} must show. An implementation's test extends this class
 * and returns a fresh store from {@link #newStore}. Values, counters and schema changes are in
 * {@link SampleStoreValuesContract}; tiers, rollups, retention, concurrency and housekeeping here.
 */
public abstract class SampleStoreContract extends SampleStoreConcurrencyContract {

  /** A value for tick {@code s} with every 37th tick absent and ticks 100..109 absent. */
  static Double valueAt(long s) {
    if (s % 37 == 5 || (s >= 100 && s < 110)) {
      return null;
    }
    return (double) ((s * 7) % 23) - 3;
  }

  private TickWriter fillPower(long ticks) {
    TickWriter w = new TickWriter(store, "n1", table(1, gauge("gpu_power_watts")));
    for (long s = 0; s < ticks; s++) {
      w.tick(sec(s), valueAt(s));
    }
    return w;
  }

  /** min, mean and max of the present values of ticks in {@code [fromMs, toMs)}; NaN if none. */
  static double[] expected(long fromMs, long toMs) {
    double min = Double.NaN;
    double max = Double.NaN;
    double sum = 0;
    int n = 0;
    for (long ts = Math.max(fromMs, T0); ts < toMs; ts += 1_000) {
      Double v = valueAt((ts - T0) / 1_000);
      if (v != null) {
        min = n == 0 ? v : Math.min(min, v);
        max = n == 0 ? v : Math.max(max, v);
        sum += v;
        n++;
      }
    }
    return new double[] {min, n == 0 ? Double.NaN : sum / n, max};
  }

  @Test
  void tenSecondRollupsHoldMinAvgMaxOfTheirRawValues() {
    fillPower(600);
    SeriesData d = only("n1", "gpu_power_watts", sec(60), sec(599), 60);
    assertEquals(10_000, d.stepMs());
    assertEquals(54, d.timestampsMs().length);
    for (int i = 0; i < 54; i++) {
      long start = d.timestampsMs()[i];
      assertEquals(sec(60 + 10L * i), start);
      double[] e = expected(start, start + 10_000);
      assertEquals(e[0], d.min()[i], "min at " + i);
      assertEquals(e[1], d.avg()[i], 1e-5, "avg at " + i);
      assertEquals(e[2], d.max()[i], "max at " + i);
    }
    assertTrue(Double.isNaN(d.avg()[4]), "the bucket of ticks 100..109 has no values");
    assertTrue(Double.isNaN(d.min()[4]) && Double.isNaN(d.max()[4]));
  }

  @Test
  void sixtySecondRollupsHoldMinAvgMaxOfTheirRawValues() {
    fillPower(605);
    SeriesData d = only("n1", "gpu_power_watts", sec(0), sec(604), 11);
    assertEquals(60_000, d.stepMs());
    assertEquals(11, d.timestampsMs().length);
    for (int i = 0; i < 11; i++) {
      long start = sec(60L * i);
      assertEquals(start, d.timestampsMs()[i]);
      double[] e = expected(start, Math.min(start + 60_000, sec(605)));
      assertEquals(e[0], d.min()[i], "min at " + i);
      assertEquals(e[1], d.avg()[i], 1e-5, "avg at " + i);
      assertEquals(e[2], d.max()[i], "max at " + i);
    }
  }

  @Test
  void rangesTooLongForTheCoarsestTierAreGroupedIntoAtMostMaxPoints() {
    fillPower(3_600);
    SeriesData d = only("n1", "gpu_power_watts", sec(0), sec(3_599), 7);
    assertTrue(d.timestampsMs().length <= 7);
    assertTrue(d.stepMs() > 60_000 && d.stepMs() % 60_000 == 0, "step " + d.stepMs());
    for (int i = 0; i < d.timestampsMs().length; i++) {
      long start = d.timestampsMs()[i];
      long end = start + d.stepMs();
      double[] e = expected(start, Math.min(end, sec(3_600)));
      assertEquals(e[0], d.min()[i], "min at " + i);
      assertEquals(e[2], d.max()[i], "max at " + i);
      // the average of a group is the mean of its 60 s buckets' averages
      double sum = 0;
      int n = 0;
      for (long b = Math.max(start, T0); b < Math.min(end, sec(3_600)); b += 60_000) {
        double avg = expected(b, b + 60_000)[1];
        if (!Double.isNaN(avg)) {
          sum += avg;
          n++;
        }
      }
      assertEquals(sum / n, d.avg()[i], 1e-5, "avg at " + i);
    }
  }

  @Test
  void theFinestTierThatFitsAnswersAndNoQueryExceedsMaxPoints() {
    fillPower(7_200);
    long newest = sec(7_199);
    assertEquals(1_000, only("n1", "gpu_power_watts", newest - 50_000, newest, 100).stepMs());
    assertEquals(10_000, only("n1", "gpu_power_watts", newest - 50_000, newest, 10).stepMs());
    assertEquals(
        10_000,
        only("n1", "gpu_power_watts", newest - 300_000, newest, 100).stepMs(),
        "the raw tier no longer reaches 5 min back");
    assertEquals(60_000, only("n1", "gpu_power_watts", newest - 300_000, newest, 20).stepMs());
    long[] spans = {0, 1_000, 59_000, 60_000, 599_000, 3_600_000, 7_200_000, 86_400_000};
    int[] maxPoints = {1, 2, 3, 5, 7, 10, 59, 60, 61, 100, 599, 1_000, 5_000};
    for (long span : spans) {
      for (long end : new long[] {newest, newest - 30_000, newest + 3_600_000}) {
        for (int max : maxPoints) {
          SeriesData d = only("n1", "gpu_power_watts", end - span, end, max);
          long[] ts = d.timestampsMs();
          String what = "span " + span + " end " + end + " maxPoints " + max;
          assertTrue(ts.length <= max, what + " returned " + ts.length);
          assertTrue(ts.length > 0 || end - span > newest, what + " returned nothing");
          assertEquals(ts.length, d.avg().length);
          assertEquals(ts.length, d.min().length);
          assertEquals(ts.length, d.max().length);
          for (int i = 1; i < ts.length; i++) {
            assertEquals(d.stepMs(), ts[i] - ts[i - 1], what);
          }
        }
      }
    }
  }

  @Test
  void oldDataLeavesTheRawTierButStaysInTheRollups() {
    fillPower(300);
    SeriesData recent = only("n1", "gpu_power_watts", sec(250), sec(299), 1_000);
    assertEquals(1_000, recent.stepMs());
    SeriesData old = only("n1", "gpu_power_watts", sec(0), sec(29), 1_000);
    assertEquals(10_000, old.stepMs(), "raw keeps 60 s; the 10 s tier answers for older ranges");
    assertArrayEquals(new double[] {sec(0), sec(10), sec(20)}, toDoubles(old.timestampsMs()));
    for (int i = 0; i < 3; i++) {
      double[] e = expected(sec(10L * i), sec(10L * i + 10));
      assertEquals(e[1], old.avg()[i], 1e-5);
      assertEquals(e[0], old.min()[i]);
      assertEquals(e[2], old.max()[i]);
    }
  }

  @Test
  void heldValuesStopGrowingOnceEveryTierHasWrapped() {
    TickWriter w = fillPower(4_200); // 70 min: past the longest retention (60 s tier, 1 h)
    long held = store.stats().samples();
    for (long s = 4_200; s < 4_800; s++) {
      w.tick(sec(s), valueAt(s));
    }
    assertEquals(held, store.stats().samples());
    SeriesData d = only("n1", "gpu_power_watts", sec(0), sec(59), 1_000);
    assertTrue(
        Arrays.stream(d.avg()).allMatch(Double::isNaN),
        "data older than every tier's retention is gone");
  }

  @Test
  void removeHostForgetsEverythingOfThatHostOnly() {
    TickWriter w1 = new TickWriter(store, "n1", table(1, gauge("gpu_power_watts")));
    TickWriter w2 = new TickWriter(store, "n2", table(1, gauge("gpu_power_watts")));
    w1.tick(sec(0), 1.0);
    w2.tick(sec(0), 2.0);
    store.removeHost("n1");
    assertEquals(List.of("n2"), store.hosts());
    assertTrue(store.series("n1").isEmpty());
    assertTrue(query("n1", "gpu_power_watts", Labels.EMPTY, sec(0), sec(9), 10).isEmpty());
    assertEquals(1, store.stats().hosts());
    assertArrayEquals(new double[] {2}, only("n2", "gpu_power_watts", sec(0), sec(0), 10).avg());
    // an agent still connected starts the host afresh
    assertTrue(w1.tick(sec(1), 3.0));
    SeriesData d = only("n1", "gpu_power_watts", sec(0), sec(9), 10);
    assertArrayEquals(new long[] {sec(1)}, d.timestampsMs());
    assertArrayEquals(new double[] {3}, d.avg());
  }

  @Test
  void statsCountHostsSeriesValuesAndBytes() {
    assertEquals(new StoreStats(0, 0, 0, 0), store.stats());
    TickWriter w =
        new TickWriter(store, "n1", table(1, gauge("gpu_power_watts"), gauge("gpu_clock_hertz")));
    new TickWriter(store, "n2", table(1, gauge("gpu_power_watts"))).tick(sec(0), 1.0);
    for (int s = 0; s < 30; s++) {
      w.tick(sec(s), 1.0, 2.0);
    }
    StoreStats stats = store.stats();
    assertEquals(2, stats.hosts());
    assertEquals(3, stats.series());
    assertTrue(stats.samples() >= 61, "at least the raw values: " + stats.samples());
    assertTrue(stats.bytes() > 0, "bytes " + stats.bytes());
  }

  private static double[] toDoubles(long[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = values[i];
    }
    return d;
  }
}
