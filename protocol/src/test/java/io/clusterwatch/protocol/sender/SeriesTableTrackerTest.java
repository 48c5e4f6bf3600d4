package io.clusterwatch.protocol.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesTableTrackerTest {
  private static final Sample SDA =
      Sample.counter("disk_read_bytes_total", Labels.of("device", "sda"), 10);
  private static final Sample SDB =
      Sample.counter("disk_read_bytes_total", Labels.of("device", "sdb"), 20);
  private static final Sample GPU =
      Sample.gauge("gpu_utilization_ratio", Labels.of("gpu", "0"), 0.5);

  @Test
  void theSameSeriesKeepTheTable() {
    SeriesTableTracker t = new SeriesTableTracker();
    DataFrame f1 = t.frame(1, 1000, List.of(SDA, GPU));
    DataFrame f2 = t.frame(2, 2000, List.of(SDA, GPU));
    assertEquals(1, f1.schemaVersion());
    assertEquals(1, f2.schemaVersion());
    assertEquals(10, f2.rawValue(0));
    assertEquals(0.5, f2.gaugeValue(1));
    assertEquals(2, f2.sequence());
    assertEquals(2000, f2.timestampMs());
  }

  @Test
  void aNewSeriesStartsANewVersionAndAMissingOneIsAGap() {
    SeriesTableTracker t = new SeriesTableTracker();
    t.frame(1, 0, List.of(SDA, GPU));
    DataFrame gap = t.frame(2, 0, List.of(GPU));
    assertEquals(1, gap.schemaVersion());
    assertFalse(gap.isPresent(0));
    assertTrue(gap.isPresent(1));
    DataFrame grown = t.frame(3, 0, List.of(SDA, SDB, GPU));
    assertEquals(2, grown.schemaVersion());
    assertEquals(3, t.current().size());
    assertEquals(SDB.descriptor(), t.current().get(1));
  }

  @Test
  void aSeriesMissingForLongIsDroppedFromTheTable() {
    SeriesTableTracker t = new SeriesTableTracker();
    t.frame(1, 0, List.of(SDA, GPU));
    for (int i = 0; i < SeriesTableTracker.EXPIRY_TICKS; i++) {
      assertEquals(1, t.frame(2 + i, 0, List.of(GPU)).schemaVersion());
    }
    DataFrame after = t.frame(100, 0, List.of(GPU));
    assertEquals(2, after.schemaVersion());
    assertEquals(1, t.current().size());
  }

  @Test
  void aChangedTypeOrScaleStartsANewVersion() {
    SeriesTableTracker t = new SeriesTableTracker();
    t.frame(1, 0, List.of(SDA));
    Sample rescaled = Sample.counter("disk_read_bytes_total", Labels.of("device", "sda"), 10, 512);
    assertEquals(2, t.frame(2, 0, List.of(rescaled)).schemaVersion());
  }

  @Test
  void aRepeatedSeriesKeepsItsFirstValue() {
    SeriesTableTracker t = new SeriesTableTracker();
    Sample again = Sample.counter("disk_read_bytes_total", Labels.of("device", "sda"), 99);
    DataFrame f = t.frame(1, 0, List.of(SDA, again));
    assertEquals(1, f.size());
    assertEquals(10, f.rawValue(0));
  }
}
