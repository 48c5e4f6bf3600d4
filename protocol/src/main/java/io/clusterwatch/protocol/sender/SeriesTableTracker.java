package io.clusterwatch.protocol.sender;

import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesKey;
import io.clusterwatch.protocol.SeriesTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns each tick's samples into a data frame against the series table in force, and starts a new
 * table (next schema version) when the series set changes.
 *
 * <p>A tick that reports a subset of the table keeps the table and leaves the missing positions
 * absent: a collector that fails once, or a value read only every few ticks, is a gap, not a new
 * schema. The table is rebuilt when a new series (or a changed type, unit or scale) appears, or
 * when a series has been absent for {@link #EXPIRY_TICKS} ticks in a row (a disk or GPU went away).
 */
public final class SeriesTableTracker {
  /** Consecutive ticks a series may be missing before it is dropped from the table. */
  public static final int EXPIRY_TICKS = 60;

  private SeriesTable table;
  private Map<SeriesKey, Integer> positions = Map.of();
  private int[] missingTicks = new int[0];
  private int lastVersion;

  /** The table the last frame was built against, or null before the first tick. */
  public SeriesTable current() {
    return table;
  }

  /** Builds the frame for one tick, starting a new table first when needed. */
  public DataFrame frame(long sequence, long timestampMs, List<Sample> samples) {
    if (table != null && inTableOrder(samples)) {
      // The usual tick: the same series in the same order as the table, no lookups needed.
      DataFrame frame = DataFrame.empty(table.schemaVersion(), sequence, timestampMs, table.size());
      for (int i = 0; i < samples.size(); i++) {
        frame.set(i, samples.get(i).wireBits());
      }
      java.util.Arrays.fill(missingTicks, 0);
      return frame;
    }
    Map<SeriesKey, Sample> unique = new LinkedHashMap<>();
    for (Sample s : samples) {
      unique.putIfAbsent(s.key(), s);
    }
    if (table == null || !fits(unique)) {
      rebuild(unique);
    }
    DataFrame frame = DataFrame.empty(table.schemaVersion(), sequence, timestampMs, table.size());
    boolean[] seen = new boolean[table.size()];
    for (Sample s : unique.values()) {
      int i = positions.get(s.key());
      frame.set(i, s.wireBits());
      seen[i] = true;
    }
    for (int i = 0; i < seen.length; i++) {
      missingTicks[i] = seen[i] ? 0 : missingTicks[i] + 1;
    }
    return frame;
  }

  private boolean inTableOrder(List<Sample> samples) {
    if (samples.size() != table.size()) {
      return false;
    }
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      SeriesDescriptor d = table.get(i);
      if (!d.metric().equals(s.metric()) || !d.labels().equals(s.labels()) || !sameSeries(d, s)) {
        return false;
      }
    }
    return true;
  }

  private boolean fits(Map<SeriesKey, Sample> unique) {
    for (Sample s : unique.values()) {
      Integer i = positions.get(s.key());
      if (i == null || !sameSeries(table.get(i), s)) {
        return false;
      }
    }
    for (int i = 0; i < missingTicks.length; i++) {
      if (missingTicks[i] >= EXPIRY_TICKS && !unique.containsKey(table.get(i).key())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameSeries(SeriesDescriptor d, Sample s) {
    return d.type() == s.type() && Double.compare(d.scale(), s.scale()) == 0;
  }

  private void rebuild(Map<SeriesKey, Sample> unique) {
    List<SeriesDescriptor> series = new ArrayList<>(unique.size());
    Map<SeriesKey, Integer> index = new HashMap<>();
    for (Sample s : unique.values()) {
      index.put(s.key(), series.size());
      series.add(s.descriptor());
    }
    lastVersion++;
    table = new SeriesTable(lastVersion, series);
    positions = index;
    missingTicks = new int[series.size()];
  }
}
