package io.clusterwatch.hub.store;

import static io.clusterwatch.hub.store.TickWriter.counter;
import static io.clusterwatch.hub.store.TickWriter.gauge;
import static io.clusterwatch.hub.store.TickWriter.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesKey;
import io.clusterwatch.protocol.SeriesTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values in, values out: gauges, counter rates, gaps, latest values, schema changes, bad input. */
abstract class SampleStoreValuesContract extends SampleStoreContractSupport {
  static final double NaN = Double.NaN;

  @Test
  void gaugesComeBackAtTheirSlotStartsWithMinAvgMaxEqual() {
    TickWriter w =
        new TickWriter(store, "n1", table(1, gauge("gpu_temperature_celsius", "gpu", "0")));
    for (int s = 0; s < 10; s++) {
      assertTrue(w.tick(sec(s) + 250, 30.0 + s / 4.0));
    }
    SeriesData d = only("n1", "gpu_temperature_celsius", sec(0), sec(9), 100);
    assertEquals(1_000, d.stepMs());
    assertArrayEquals(seconds(0, 9), d.timestampsMs());
    double[] expected = {30, 30.25, 30.5, 30.75, 31, 31.25, 31.5, 31.75, 32, 32.25};
    assertArrayEquals(expected, d.avg());
    assertArrayEquals(expected, d.min());
    assertArrayEquals(expected, d.max());
    assertEquals("celsius", d.unit());
    assertEquals("n1", d.host());
    assertEquals(new SeriesKey("gpu_temperature_celsius", Labels.of("gpu", "0")), d.key());
  }

  @Test
  void gaugeValuesKeepAtLeastSevenSignificantDigits() {
    TickWriter w = new TickWriter(store, "n1", table(1, gauge("node_memory_used_bytes")));
    w.tick(sec(0), 0.1);
    w.tick(sec(1), 81_234_567_890.0);
    double[] v = only("n1", "node_memory_used_bytes", sec(0), sec(1), 10).avg();
    assertEquals(0.1, v[0], 0.1 * 1e-7);
    assertEquals(81_234_567_890.0, v[1], 81_234_567_890.0 * 1e-7);
  }

  @Test
  void countersBecomeScaledPerSecondRatesAndTheFirstReadingIsAGap() {
    // CPU time in USER_HZ ticks: scale 0.01 s per tick
    TickWriter w =
        new TickWriter(store, "n1", table(1, counter("node_cpu_seconds_total", 0.01, "cpu", "0")));
    w.tick(sec(0), 1_000L);
    w.tick(sec(1), 1_100L);
    w.tick(sec(2), 1_300L);
    w.tick(sec(3), (Object) null);
    w.tick(sec(4), 1_700L); // 400 ticks over 2 s since the last reading
    double[] v = only("n1", "node_cpu_seconds_total", sec(0), sec(4), 100).avg();
    assertArrayEquals(new double[] {NaN, 1.0, 2.0, NaN, 2.0}, v, 1e-6);
  }

  @Test
  void counterGoingBackwardsMakesAGapNeverANegativeValue() {
    TickWriter w =
        new TickWriter(store, "n1", table(1, counter("node_network_receive_bytes_total", 1)));
    w.tick(sec(0), 100L);
    w.tick(sec(1), 200L);
    w.tick(sec(2), 50L); // reset (reboot, driver reload)
    w.tick(sec(3), 150L);
    double[] v = only("n1", "node_network_receive_bytes_total", sec(0), sec(3), 100).avg();
    assertArrayEquals(new double[] {NaN, 100, NaN, 100}, v);
  }

  @Test
  void countersNearTwoToTheSixtyFourUseUnsignedArithmeticAndAWrapIsAGap() {
    TickWriter w =
        new TickWriter(store, "n1", table(1, counter("infiniband_symbol_error_total", 1)));
    w.tick(sec(0), -1_000L); // 2^64 - 1000
    w.tick(sec(1), -400L); // 2^64 - 400: +600
    w.tick(sec(2), 100L); // wrapped past 2^64: unknown increase
    w.tick(sec(3), 700L);
    double[] v = only("n1", "infiniband_symbol_error_total", sec(0), sec(3), 100).avg();
    assertArrayEquals(new double[] {NaN, 600, NaN, 600}, v);
  }

  @Test
  void counterAboveTwoToTheSixtyThreeKeepsCounting() {
    TickWriter w = new TickWriter(store, "n1", table(1, counter("node_disk_read_bytes_total", 1)));
    w.tick(sec(0), Long.MAX_VALUE - 99); // 2^63 - 100
    w.tick(sec(1), Long.MIN_VALUE + 100); // 2^63 + 100: +200 across the sign bit
    assertEquals(200, only("n1", "node_disk_read_bytes_total", sec(0), sec(1), 10).avg()[1]);
  }

  @Test
  void skippedTicksAndAbsentValuesAreGaps() {
    TickWriter w =
        new TickWriter(store, "n1", table(1, gauge("gpu_power_watts"), gauge("gpu_clock_hertz")));
    w.tick(sec(0), 100.0, 1e9);
    w.tick(sec(1), 110.0, null);
    w.tick(sec(4), 140.0, 1.5e9);
    SeriesData power = only("n1", "gpu_power_watts", sec(0), sec(4), 100);
    assertArrayEquals(seconds(0, 4), power.timestampsMs());
    assertArrayEquals(new double[] {100, 110, NaN, NaN, 140}, power.avg());
    double[] clock = only("n1", "gpu_clock_hertz", sec(0), sec(4), 100).avg();
    assertArrayEquals(new double[] {1e9, NaN, NaN, NaN, 1.5e9}, clock);
  }

  @Test
  void ticksNotNewerThanTheNewestAreRejectedAndChangeNothing() {
    TickWriter w = new TickWriter(store, "n1", table(1, gauge("gpu_power_watts")));
    assertTrue(w.tick(sec(5), 50.0));
    assertFalse(w.tick(sec(5), 99.0), "duplicate timestamp");
    assertFalse(w.tick(sec(3), 99.0), "older timestamp");
    assertTrue(w.tick(sec(6), 60.0));
    assertFalse(w.tick(sec(6) - 1, 99.0));
    SeriesData d = only("n1", "gpu_power_watts", sec(0), sec(6), 100);
    assertArrayEquals(new double[] {50, 60}, d.avg());
    assertArrayEquals(seconds(5, 6), d.timestampsMs());
    assertEquals(sec(6), store.latest("n1", d.key()).orElseThrow().timestampMs());
  }

  @Test
  void aTickJitteredIntoAFilledSlotMovesToTheNextSlotOrIsRejected() {
    TickWriter w = new TickWriter(store, "n1", table(1, gauge("gpu_power_watts")));
    assertTrue(w.tick(sec(1) + 999, 1.0)); // slot 1
    assertTrue(w.tick(sec(3) + 1, 3.0)); // slot 3: slot 2 is a gap
    assertTrue(w.tick(sec(3) + 999, 4.0)); // slot 3 again, 1 ms before slot 4: goes to slot 4
    assertFalse(w.tick(sec(4) + 100, 9.0)); // slot 4 again, 900 ms before slot 5: too early
    assertTrue(w.tick(sec(5) + 200, 5.0));
    double[] v = only("n1", "gpu_power_watts", sec(1), sec(5), 100).avg();
    assertArrayEquals(new double[] {1, NaN, 3, 4, 5}, v);
  }

  @Test
  void aTickIsInvisibleUntilCommitAndAnUncommittedTickLeavesNothing() {
    TickWriter w = new TickWriter(store, "n1", table(1, gauge("gpu_power_watts")));
    w.tick(sec(0), 10.0);
    assertTrue(w.stage(sec(1), 20.0));
    assertEquals(1, only("n1", "gpu_power_watts", sec(0), sec(9), 100).avg().length);
    w.commit();
    assertArrayEquals(
        new double[] {10, 20}, only("n1", "gpu_power_watts", sec(0), sec(9), 100).avg());
    // a frame that failed half way is never committed; the next tick must not inherit its values
    assertTrue(w.stage(sec(2), 30.0));
    assertTrue(w.tick(sec(3), (Object) null));
    SeriesData d = only("n1", "gpu_power_watts", sec(0), sec(9), 100);
    assertArrayEquals(seconds(0, 3), d.timestampsMs());
    assertArrayEquals(new double[] {10, 20, NaN, NaN}, d.avg());
  }

  @Test
  void commitWithoutAnAcceptedBeginIsAnError() {
    TickWriter w = new TickWriter(store, "n1", table(1, gauge("gpu_power_watts")));
    assertThrows(IllegalStateException.class, w::commit);
    w.tick(sec(1), 1.0);
    assertNull(w.appender().begin(sec(0)));
    assertThrows(IllegalStateException.class, w::commit);
  }

  @Test
  void latestHoldsTheNewestGaugeRateAndScaledRawCounter() {
    SeriesTable t =
        table(1, gauge("gpu_power_watts"), counter("gpu_energy_joules_total", 0.001, "gpu", "0"));
    TickWriter w = new TickWriter(store, "n1", t);
    SeriesKey power = t.get(0).key();
    SeriesKey energy = t.get(1).key();
    assertTrue(store.latest("n1", power).isEmpty());
    w.tick(sec(0), 200.0, 5_000_000L);
    LatestValue first = store.latest("n1", energy).orElseThrow();
    assertTrue(Double.isNaN(first.value()), "no rate from a single reading");
    assertEquals(5_000.0, first.rawCounter(), 1e-9);
    w.tick(sec(2), null, 5_600_000L); // 600 J in 2 s
    assertEquals(new LatestValue(sec(2), 300.0, 5_600.0), store.latest("n1", energy).orElseThrow());
    LatestValue p = store.latest("n1", power).orElseThrow();
    assertEquals(sec(0), p.timestampMs(), "an absent value keeps the previous latest");
    assertEquals(200.0, p.value());
    assertTrue(Double.isNaN(p.rawCounter()));
    assertTrue(
        store.latest("n1", new SeriesKey("gpu_power_watts", Labels.of("gpu", "9"))).isEmpty());
    assertTrue(store.latest("nope", power).isEmpty());
  }

  @Test
  void queriesMatchTheMetricExactlyAndTheLabelsAsASubset() {
    SeriesTable t =
        table(
            1,
            gauge("gpu_utilization_ratio", "gpu", "0", "gpu_uuid", "GPU-a"),
            gauge("gpu_utilization_ratio", "gpu", "1", "gpu_uuid", "GPU-b"),
            gauge("gpu_utilization_ratio_max", "gpu", "1"),
            gauge("gpu_power_watts", "gpu", "1"));
    new TickWriter(store, "n1", t).tick(sec(0), 0.5, 0.25, 1.0, 100.0);
    List<SeriesData> all = query("n1", "gpu_utilization_ratio", Labels.EMPTY, sec(0), sec(0), 10);
    assertEquals(
        List.of(t.get(0).key(), t.get(1).key()), all.stream().map(SeriesData::key).toList());
    List<SeriesData> one =
        query("n1", "gpu_utilization_ratio", Labels.of("gpu", "1"), sec(0), sec(0), 10);
    assertEquals(1, one.size());
    assertArrayEquals(new double[] {0.25}, one.get(0).avg());
    assertEquals(
        1,
        query(
                "n1",
                "gpu_utilization_ratio",
                Labels.of("gpu_uuid", "GPU-a", "gpu", "0"),
                sec(0),
                sec(0),
                10)
            .size());
    assertTrue(
        query("n1", "gpu_utilization_ratio", Labels.of("gpu", "7"), sec(0), sec(0), 10).isEmpty());
    assertTrue(query("n1", "gpu_utilization", Labels.EMPTY, sec(0), sec(0), 10).isEmpty());
    assertTrue(query("n2", "gpu_utilization_ratio", Labels.EMPTY, sec(0), sec(0), 10).isEmpty());
  }

  @Test
  void aNewTableKeepsExistingSeriesInTheirColumnsAndRemovedSeriesBecomeGaps() {
    SeriesTable v1 = table(1, gauge("gpu_power_watts"), counter("node_disk_read_bytes_total", 1));
    TickWriter w1 = new TickWriter(store, "n1", v1);
    w1.tick(sec(0), 100.0, 1_000L);
    w1.tick(sec(1), 110.0, 1_500L);
    // new order, one series gone, one new
    SeriesTable v2 =
        table(2, counter("node_disk_read_bytes_total", 1), gauge("gpu_temperature_celsius"));
    TickWriter w2 = new TickWriter(store, "n1", v2);
    w2.tick(sec(2), 2_500L, 40.0);
    w2.tick(sec(3), 2_600L, 41.0);
    assertArrayEquals(
        new double[] {NaN, 500, 1_000, 100},
        only("n1", "node_disk_read_bytes_total", sec(0), sec(3), 100).avg(),
        "the counter's rate continues across the schema change");
    assertArrayEquals(
        new double[] {100, 110, NaN, NaN},
        only("n1", "gpu_power_watts", sec(0), sec(3), 100).avg());
    assertArrayEquals(
        new double[] {NaN, NaN, 40, 41},
        only("n1", "gpu_temperature_celsius", sec(0), sec(3), 100).avg());
    assertEquals(3, store.series("n1").size());
  }

  @Test
  void aCounterWhoseScaleChangesRestartsWithAGap() {
    TickWriter joules =
        new TickWriter(store, "n1", table(1, counter("gpu_energy_joules_total", 1)));
    joules.tick(sec(0), 1_000L);
    joules.tick(sec(1), 1_200L);
    // the agent now reads the same counter in millijoules: raw steps changed meaning
    TickWriter millijoules =
        new TickWriter(store, "n1", table(2, counter("gpu_energy_joules_total", 0.001)));
    millijoules.tick(sec(2), 1_300_000L);
    millijoules.tick(sec(3), 1_600_000L);
    assertArrayEquals(
        new double[] {NaN, 200, NaN, 300},
        only("n1", "gpu_energy_joules_total", sec(0), sec(3), 10).avg(),
        1e-9);
  }

  @Test
  void gapsStayGapsAfterTheRingsWrapAround() {
    TickWriter w = new TickWriter(store, "n1", table(1, gauge("gpu_power_watts")));
    for (int s = 0; s < 760; s++) {
      boolean silent = s == 80 || (s >= 700 && s < 730); // host away: no tick at all
      if (!silent) {
        w.tick(sec(s), s == 70 || s == 759 ? null : (double) s); // present tick, absent value
      }
    }
    w.tick(sec(760), 760.0);
    // raw keeps 60 s: ticks 701..760 reuse the slots of older ticks
    SeriesData raw = only("n1", "gpu_power_watts", sec(701), sec(760), 100);
    assertEquals(1_000, raw.stepMs());
    for (int i = 0; i < raw.avg().length; i++) {
      long s = 701 + i;
      assertEquals(s < 730 || s == 759 ? NaN : s, raw.avg()[i], "tick " + s);
    }
    // the 10 s tier keeps 10 min: buckets 70..72 reuse the slots of buckets 10..12
    SeriesData rolled = only("n1", "gpu_power_watts", sec(690), sec(759), 10);
    assertEquals(10_000, rolled.stepMs());
    assertArrayEquals(new double[] {694.5, NaN, NaN, NaN, 734.5, 744.5, 754}, rolled.avg());
    assertArrayEquals(new double[] {690, NaN, NaN, NaN, 730, 740, 750}, rolled.min());
  }

  @Test
  void seriesAndHostsAreListedSortedWithTypeAndUnit() {
    new TickWriter(store, "n2", table(1, gauge("gpu_power_watts"))).tick(sec(0), 1.0);
    SeriesTable t =
        table(
            1,
            gauge("gpu_power_watts", "gpu", "1"),
            counter("node_cpu_seconds_total", 0.01),
            gauge("gpu_power_watts", "gpu", "0"));
    new TickWriter(store, "n1", t).tick(sec(0), 1.0, 1L, 2.0);
    assertEquals(List.of("n1", "n2"), store.hosts());
    assertEquals(
        List.of(
            new SeriesInfo("n1", t.get(2).key(), MetricType.GAUGE, "watts"),
            new SeriesInfo("n1", t.get(0).key(), MetricType.GAUGE, "watts"),
            new SeriesInfo("n1", t.get(1).key(), MetricType.COUNTER, "seconds")),
        store.series("n1"));
    assertTrue(store.series("n3").isEmpty());
  }

  @Test
  void aTableBeyondTheSeriesLimitIsRefusedNamingTheHost() {
    List<SeriesDescriptor> many = new ArrayList<>();
    for (int i = 0; i < CONFIG.maxSeriesPerHost() + 1; i++) {
      many.add(gauge("gpu_power_watts", "gpu", Integer.toString(i)));
    }
    SeriesTable tooMany = new SeriesTable(1, many);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> store.appender("n1", tooMany));
    assertTrue(e.getMessage().contains("n1"), e.getMessage());
    assertTrue(store.series("n1").isEmpty(), "nothing of the refused table is kept");
  }

  @Test
  void rawQueriesShareOneArrayForMinAvgAndMax() {
    TickWriter w = new TickWriter(store, "n1", table(1, gauge("gpu_power_watts")));
    w.tick(sec(0), 1.0);
    SeriesData d = only("n1", "gpu_power_watts", sec(0), sec(0), 10);
    assertSame(d.avg(), d.min());
    assertSame(d.avg(), d.max());
  }
}
