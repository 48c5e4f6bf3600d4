package io.clusterwatch.hub.store;

import static io.clusterwatch.hub.store.TickWriter.gauge;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The columnar store against the store contract, plus its own memory layout. */
class ColumnarSampleStoreTest extends SampleStoreContract {
  @Override
  protected SampleStore newStore(StoreConfig config) {
    return new ColumnarSampleStore(config);
  }

  /**
   * A decoded frame reaches the store in one bulk copy (bitmap and values); fed value by value, as
   * a wrapping appender does, the same frames must store the same, absent positions included (in
   * every byte of the bitmap, the last one partly padding).
   */
  @Test
  void aFrameCopiedInBulkStoresWhatItsValuesOneByOneStore() {
    SampleStore store = new ColumnarSampleStore(new StoreConfig(1_000, 3_600_000, List.of(), 100));
    List<SeriesDescriptor> series = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      series.add(
          i % 3 == 0
              ? TickWriter.counter("disk_read_bytes_total", 512, "device", "d" + i)
              : gauge("gpu_utilization_ratio", "gpu", Integer.toString(i)));
    }
    SeriesTable table = new SeriesTable(1, series);
    TickWriter bulk = new TickWriter(store, "bulk", table);
    HostAppender oneByOne = store.appender("single", table);
    java.util.Set<Integer> absent = java.util.Set.of(0, 7, 8, 13, 18);
    for (int t = 0; t < 3; t++) {
      Object[] values = new Object[19];
      for (int i = 0; i < 19; i++) {
        if (!absent.contains(i)) {
          values[i] = i % 3 == 0 ? Long.valueOf(1_000L * (t + 1) * (i + 1)) : (t + i) / 40.0;
        }
      }
      assertTrue(bulk.tick(sec(t), values));
      io.clusterwatch.protocol.DataFrameCodec.ValueVisitor v = oneByOne.begin(sec(t));
      for (int i = 0; i < 19; i++) {
        if (values[i] == null) {
          v.value(i, 0x7ff0_dead_beefL); // overwritten by absent: never stored
          v.absent(i);
        } else {
          v.value(
              i,
              values[i] instanceof Long raw ? raw : Double.doubleToRawLongBits((Double) values[i]));
        }
      }
      oneByOne.commit();
    }
    for (int i = 0; i < 19; i++) {
      io.clusterwatch.protocol.SeriesKey key = series.get(i).key();
      assertEquals(
          store.latest("single", key).map(LatestValue::value),
          store.latest("bulk", key).map(LatestValue::value),
          "series " + i);
      assertEquals(absent.contains(i), store.latest("bulk", key).isEmpty(), "series " + i);
    }
  }

  /**
   * The raw tier writes a tick's values row by row for all of a host's series and compresses each
   * series' share when the sub-chunk closes. Series added in the middle of a sub-chunk (twice, by
   * new tables), series that stop, short reads of the newest slot and long reads across sub-chunks
   * and a sealed block must all give back what each tick wrote.
   */
  @Test
  void seriesAddedAndDroppedMidSubChunkKeepEveryValue() {
    SampleStore store =
        new ColumnarSampleStore(
            new StoreConfig(1_000, 3_600_000, List.of(), 100)
                .withSealing(120_000, 1 << 20, 60_000));
    int seconds = 300;
    int[] seriesFrom = {0, 0, 0, 30, 30, 30, 30, 100, 100};
    int[] seriesTo = {seconds, 150, seconds, seconds, 90, seconds, seconds, seconds, seconds};
    double[][] expected = new double[seriesFrom.length][seconds];
    for (double[] e : expected) {
      java.util.Arrays.fill(e, Double.NaN);
    }
    TickWriter w = null;
    List<Integer> listed = new ArrayList<>();
    for (int s = 0; s < seconds; s++) {
      List<Integer> now = new ArrayList<>();
      for (int i = 0; i < seriesFrom.length; i++) {
        if (s >= seriesFrom[i] && s < seriesTo[i]) {
          now.add(i);
        }
      }
      if (!now.equals(listed)) {
        List<SeriesDescriptor> d = new ArrayList<>();
        for (int i : now) {
          d.add(gauge("gpu_power_watts", "gpu", Integer.toString(i)));
        }
        w = new TickWriter(store, "n1", new SeriesTable(s + 1, d));
        listed = now;
      }
      Object[] values = new Object[now.size()];
      for (int k = 0; k < now.size(); k++) {
        int i = now.get(k);
        if ((s + i) % 11 != 0) {
          values[k] = 100.0 * i + s + 0.25;
          expected[i][s] = 100.0 * i + s + 0.25;
        }
      }
      assertTrue(w.tick(sec(s), values));
      for (int i : now) {
        SeriesData newest = read(store, "gpu", Integer.toString(i), sec(s), sec(s), 10);
        assertEquals(expected[i][s], newest.avg()[0], "series " + i + ", newest slot " + s);
      }
    }
    for (int i = 0; i < seriesFrom.length; i++) {
      SeriesData all = read(store, "gpu", Integer.toString(i), sec(0), sec(seconds - 1), seconds);
      assertArrayEquals(expected[i], all.avg(), "series " + i);
    }
  }

  @Test
  void aFullRawTierHoldsAboutFourBytesPerValueAllIn() {
    SampleStore rawOnly =
        new ColumnarSampleStore(new StoreConfig(1_000, 3_600_000, List.of(), 1_000));
    List<SeriesDescriptor> series = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      series.add(gauge("gpu_utilization_ratio", "gpu", Integer.toString(i)));
    }
    TickWriter w = new TickWriter(rawOnly, "n1", new SeriesTable(1, series));
    Object[] values = new Object[200];
    for (int s = 0; s < 3_700; s++) {
      java.util.Arrays.fill(values, s / 3_700.0);
      w.tick(sec(s), values);
    }
    StoreStats stats = rawOnly.stats();
    assertEquals(200L * 3_600, stats.samples(), "one hour of 1 s values per series, no more");
    double perValue = (double) stats.bytes() / stats.samples();
    // compressed sub-chunks plus per-series overhead (key, state, the sub-chunk being written)
    assertTrue(perValue < 4.2, "bytes per value: " + perValue);
  }

  @Test
  void withoutRollupsLongRangesGroupRawValues() {
    SampleStore rawOnly = new ColumnarSampleStore(new StoreConfig(1_000, 600_000, List.of(), 10));
    TickWriter w = new TickWriter(rawOnly, "n1", TickWriter.table(1, gauge("gpu_power_watts")));
    for (int s = 0; s < 6; s++) {
      w.tick(sec(s), s == 4 ? null : (double) s);
    }
    SeriesData d =
        rawOnly
            .query(
                new SeriesQuery(
                    "n1",
                    "gpu_power_watts",
                    io.clusterwatch.protocol.Labels.EMPTY,
                    sec(0),
                    sec(5),
                    3))
            .get(0);
    assertEquals(2_000, d.stepMs());
    assertArrayEquals(new long[] {sec(0), sec(2), sec(4)}, d.timestampsMs());
    assertArrayEquals(new double[] {0, 2, 5}, d.min());
    assertArrayEquals(new double[] {0.5, 2.5, 5}, d.avg());
    assertArrayEquals(new double[] {1, 3, 5}, d.max());
  }

  @Test
  void readsAcrossChunkBoundariesAndTheRingWrap() {
    // raw: 4 chunks of 900 slots; 10 s tier: 3 chunks of 120 buckets
    SampleStore multiChunk =
        new ColumnarSampleStore(
            new StoreConfig(
                1_000, 3_600_000, List.of(new RollupTierConfig(10_000, 3_600_000)), 10));
    TickWriter w = new TickWriter(multiChunk, "n1", TickWriter.table(1, gauge("gpu_power_watts")));
    for (int s = 0; s < 5_000; s++) {
      w.tick(sec(s), (double) s);
    }
    SeriesData raw =
        multiChunk
            .query(
                new SeriesQuery(
                    "n1",
                    "gpu_power_watts",
                    io.clusterwatch.protocol.Labels.EMPTY,
                    sec(1_400),
                    sec(4_999),
                    3_600))
            .get(0);
    assertEquals(1_000, raw.stepMs());
    assertEquals(3_600, raw.avg().length);
    for (int i = 0; i < 3_600; i++) {
      assertEquals(1_400 + i, raw.avg()[i], "tick " + (1_400 + i));
    }
    SeriesData grouped =
        multiChunk
            .query(
                new SeriesQuery(
                    "n1",
                    "gpu_power_watts",
                    io.clusterwatch.protocol.Labels.EMPTY,
                    sec(1_400),
                    sec(4_999),
                    90))
            .get(0);
    assertEquals(40_000, grouped.stepMs());
    for (int i = 0; i < grouped.avg().length; i++) {
      long first = Math.max(1_400, (grouped.timestampsMs()[i] - T0) / 1_000);
      long last = Math.min(4_999, first + 39);
      assertEquals(first, grouped.min()[i], "min of point " + i);
      assertEquals(last, grouped.max()[i], "max of point " + i);
    }
  }

  @Test
  void shortReadsOfTheNewestSlotsEqualTheSameSlotsReadWithTheirBlock() {
    // The live view reads (newest - 1 s, newest] of every series each tick; those slots come
    // straight from the sub-chunk being written. Each short read must give what a long read of
    // the same slots gives, in the raw tier (a gap at every 7th tick) and the 10 s rollup.
    SampleStore store =
        new ColumnarSampleStore(
            new StoreConfig(
                1_000, 3_600_000, List.of(new RollupTierConfig(10_000, 3_600_000)), 10));
    TickWriter w = new TickWriter(store, "n1", TickWriter.table(1, gauge("gpu_power_watts")));
    List<double[]> shortReads = new ArrayList<>();
    for (int s = 0; s < 2_000; s++) {
      w.tick(sec(s), s % 7 == 3 ? null : 100 + s % 13 + s / 1000.0);
      SeriesData d = read(store, sec(s), sec(s), 10);
      assertEquals(1, d.avg().length, "tick " + s);
      shortReads.add(new double[] {d.timestampsMs()[0], d.avg()[0]});
    }
    SeriesData all = read(store, sec(0), sec(1_999), 2_000);
    for (int s = 0; s < 2_000; s++) {
      assertEquals(all.timestampsMs()[s], (long) shortReads.get(s)[0], "time of tick " + s);
      assertEquals(all.avg()[s], shortReads.get(s)[1], "tick " + s);
    }
    // Rollup: two 10 s buckets read alone and within the whole range.
    SeriesData buckets = read(store, sec(0), sec(1_999), 200);
    assertEquals(10_000, buckets.stepMs());
    for (int b = 150; b < 199; b++) {
      SeriesData one = read(store, sec(10 * b), sec(10 * b + 9), 1);
      assertEquals(buckets.min()[b], one.min()[0], "min of bucket " + b);
      assertEquals(buckets.avg()[b], one.avg()[0], "avg of bucket " + b);
      assertEquals(buckets.max()[b], one.max()[0], "max of bucket " + b);
    }
  }

  private static SeriesData read(SampleStore store, long from, long to, int maxPoints) {
    return read(store, io.clusterwatch.protocol.Labels.EMPTY, from, to, maxPoints);
  }

  /** Host n1's {@code gpu_power_watts} with one label. */
  private static SeriesData read(
      SampleStore store, String label, String value, long from, long to, int maxPoints) {
    return read(store, io.clusterwatch.protocol.Labels.of(label, value), from, to, maxPoints);
  }

  private static SeriesData read(
      SampleStore store,
      io.clusterwatch.protocol.Labels labels,
      long from,
      long to,
      int maxPoints) {
    return store
        .query(new SeriesQuery("n1", "gpu_power_watts", labels, from, to, maxPoints))
        .get(0);
  }
}
