package io.clusterwatch.hub.store;

import io.clusterwatch.hub.store.chunk.ChunkFile;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesKey;
import io.clusterwatch.protocol.SeriesTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;
import java.util.function.LongSupplier;

/**
 * Everything stored for one host: its columns (one per series key, kept across schema changes), the
 * tiers over them ({@link HostTiers}), counter state and newest values.
 *
 * <p>One appender writes, on its event loop; queries read from other threads. A tick is applied
 * under the write lock in one step at commit, and readers hold the read lock while they copy, so a
 * reader sees every series at the same tick and never half a tick. The write lock is uncontended
 * except while a query of this host copies its points.
 */
final class HostColumns {
  /** HashMap entry, boxed column index and the column table slot, per column. */
  private static final long INDEX_BYTES_PER_COLUMN = 32 + 16 + 8;

  /** HashMap entry and table slot per metric of the by-metric index. */
  private static final long METRIC_INDEX_ENTRY_BYTES = 32 + 8;

  final String name;
  private final StampedLock lock = new StampedLock();
  private final HostTiers tiers;
  private final RawTier raw;
  private final Map<SeriesKey, Integer> index = new HashMap<>();
  private final Map<String, MetricColumns> byMetric = new HashMap<>();
  private final SeriesStates states = new SeriesStates();
  private SeriesColumn[] columns = new SeriesColumn[0];
  private int columnCount;
  // written under the write lock; read without it only by the appender's early check in begin()
  private volatile long newestTs = Tier.NONE;
  private volatile long newestSlot = Tier.NONE;
  private volatile boolean removed;
  private final LongSupplier nextSeriesGeneration;
  // changed under the write lock whenever series() would list something else
  private volatile long seriesGeneration;

  /**
   * Where a host's sealed blocks go besides its own tiers (a file, or nowhere when memory-only).
   */
  interface SealSink {
    /** Called under the host's lock: must only queue. */
    void sealed(String host, int tier, SealedBlock block, SeriesDescriptor[] columns);
  }

  /** Sealed blocks in files, by host. */
  interface HostDisk {
    byte[] payload(int tier, long block, String host, SeriesKey key);
  }

  HostColumns(
      String name,
      StoreConfig config,
      SealSink sink,
      LongSupplier nextSeriesGeneration,
      HostDisk hostDisk) {
    this.name = name;
    this.nextSeriesGeneration = nextSeriesGeneration;
    Tier.Sealer sealer = (tier, block) -> sink.sealed(name, tier.index, block, descriptors());
    Tier.DiskBlocks disk = (tier, block, key) -> hostDisk.payload(tier.index, block, name, key);
    this.tiers = new HostTiers(config, sealer, disk);
    this.raw = tiers.raw;
  }

  /**
   * Maps a table onto this host's columns, adding columns for new keys. A key seen before keeps its
   * column; if its type or scale changed its counter state restarts (the next rate is a gap).
   *
   * @throws IllegalArgumentException when the host would hold more than {@code maxSeries} series
   */
  TableMapping map(SeriesTable table, int maxSeries) {
    long stamp = lock.writeLock();
    try {
      int added = 0;
      for (SeriesDescriptor d : table.series()) {
        if (!index.containsKey(d.key())) {
          added++;
        }
      }
      if (columnCount + added > maxSeries) {
        throw new IllegalArgumentException(
            "host "
                + name
                + " would hold "
                + (columnCount + added)
                + " series, more than the limit of "
                + maxSeries);
      }
      int n = table.size();
      int[] columnOf = new int[n];
      boolean[] counter = new boolean[n];
      double[] scale = new double[n];
      for (int i = 0; i < n; i++) {
        SeriesDescriptor d = table.get(i);
        Integer c = index.get(d.key());
        if (c == null) {
          c = addColumn(d);
        } else {
          SeriesColumn col = columns[c];
          boolean listedSame = col.type == d.type() && col.unit.equals(d.unit());
          if (col.update(d)) {
            states.resetCounter(c);
          }
          if (!listedSame) {
            seriesGeneration = nextSeriesGeneration.getAsLong();
          }
        }
        columnOf[i] = c;
        counter[i] = d.type() == MetricType.COUNTER;
        scale[i] = d.scale();
      }
      return new TableMapping(columnOf, counter, scale);
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  private SeriesDescriptor[] descriptors() {
    SeriesDescriptor[] d = new SeriesDescriptor[columnCount];
    for (int c = 0; c < columnCount; c++) {
      d[c] = columns[c].descriptor();
    }
    return d;
  }

  /** This host has {@code block} of a tier in a chunk file (found at start). */
  void restore(int tierIndex, long block) {
    long stamp = lock.writeLock();
    try {
      Tier tier = tiers.all[tierIndex];
      long firstSlot = block * tier.blockSlots;
      long lastSlot = firstSlot + tier.blockSlots - 1;
      tier.first = tier.isEmpty() ? firstSlot : Math.min(tier.first, firstSlot);
      tier.newest = tier.isEmpty() ? lastSlot : Math.max(tier.newest, lastSlot);
      if (tier == raw && (newestSlot == Tier.NONE || lastSlot > newestSlot)) {
        newestSlot = lastSlot;
        newestTs = (lastSlot + 1) * raw.stepMs - 1;
      }
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** Gives columns to series found in a chunk file at start (as a table would). */
  void restoreSeries(List<ChunkFile.Series> series) {
    long stamp = lock.writeLock();
    try {
      for (ChunkFile.Series s : series) {
        SeriesDescriptor d =
            new SeriesDescriptor(
                s.metric(),
                Labels.of(s.labels().toArray(String[]::new)),
                s.type() == 1 ? MetricType.COUNTER : MetricType.GAUGE,
                s.unit(),
                s.scale());
        if (!index.containsKey(d.key())) {
          addColumn(d);
        }
      }
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  private int addColumn(SeriesDescriptor d) {
    int c = columnCount;
    if (c == columns.length) {
      columns = Arrays.copyOf(columns, Math.max(8, c * 2));
    }
    columns[c] = new SeriesColumn(d);
    columnCount++;
    index.put(d.key(), c);
    byMetric.computeIfAbsent(d.key().metric(), m -> new MetricColumns()).add(c);
    seriesGeneration = nextSeriesGeneration.getAsLong();
    states.addColumn(c);
    tiers.addColumn();
    return c;
  }

  /** Whether a tick at {@code tsMs} would be stored now (commit checks again under the lock). */
  boolean accepts(long tsMs) {
    return SlotPlacement.place(tsMs, raw.stepMs, newestTs, newestSlot) != SlotPlacement.REJECTED;
  }

  /**
   * Stores one tick: counters become rates, absent values and columns outside the table become
   * gaps, the finest rollup takes every non-NaN value (and passes its buckets on to the coarser
   * ones as they close).
   *
   * @param presence bit {@code i % 8} of byte {@code i / 8} set when position {@code i} has a value
   * @return false when the tick was refused (not newer than the host's newest)
   */
  boolean commit(long tsMs, TableMapping mapping, long[] bits, byte[] presence) {
    long stamp = lock.writeLock();
    try {
      long slot = SlotPlacement.place(tsMs, raw.stepMs, newestTs, newestSlot);
      if (slot == SlotPlacement.REJECTED) {
        return false;
      }
      tiers.advance(slot);
      RollupTier rollup = tiers.finestRollup;
      int[] columnOf = mapping.columnOf();
      boolean[] counter = mapping.counter();
      double[] scale = mapping.scale();
      for (int i = 0; i < columnOf.length; i++) {
        if ((presence[i >>> 3] & (1 << (i & 7))) == 0) {
          continue;
        }
        int c = columnOf[i];
        double v;
        if (counter[i]) {
          v = states.counter(c, bits[i], tsMs, scale[i]);
        } else {
          v = Double.longBitsToDouble(bits[i]);
          states.gauge(c, v, tsMs);
        }
        if (!Double.isNaN(v)) {
          raw.put(c, (float) v);
          if (rollup != null) {
            rollup.add(c, v);
          }
        }
      }
      newestSlot = slot;
      newestTs = tsMs;
      return true;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /**
   * Seals the open blocks when they end at or before {@code endMs} (the host went quiet): a later
   * tick of this host inside those blocks is then refused.
   */
  void sealIfOpenBefore(long endMs) {
    long stamp = lock.writeLock();
    try {
      if (raw.openBlock == Tier.NONE || (raw.openBlock + 1) * raw.blockSlots * raw.stepMs > endMs) {
        return;
      }
      long lastSlot = (raw.openBlock + 1) * raw.blockSlots - 1;
      tiers.closeOpenBlocks();
      newestSlot = lastSlot;
      newestTs = Math.max(newestTs, (lastSlot + 1) * raw.stepMs - 1);
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  void markRemoved() {
    removed = true;
  }

  boolean isRemoved() {
    return removed;
  }

  int seriesCount() {
    long stamp = lock.readLock();
    try {
      return columnCount;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  long seriesGeneration() {
    return seriesGeneration;
  }

  List<SeriesInfo> series() {
    long stamp = lock.readLock();
    try {
      List<SeriesInfo> list = new ArrayList<>(columnCount);
      for (int c = 0; c < columnCount; c++) {
        SeriesColumn col = columns[c];
        list.add(new SeriesInfo(name, col.key, col.type, col.unit));
      }
      list.sort(Comparator.comparing(SeriesInfo::key));
      return list;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  LatestValue latest(SeriesKey key) {
    long stamp = lock.readLock();
    try {
      Integer c = index.get(key);
      return c == null ? null : states.latest(c);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  List<SeriesData> query(SeriesQuery q) {
    long stamp = lock.readLock();
    try {
      MetricColumns ofMetric = byMetric.get(q.metric());
      if (ofMetric == null) {
        return List.of();
      }
      List<Integer> matching = new ArrayList<>(ofMetric.size());
      for (int i = 0; i < ofMetric.size(); i++) {
        int c = ofMetric.get(i);
        if (columns[c].key.labels().containsAll(q.labels())) {
          matching.add(c);
        }
      }
      if (matching.isEmpty()) {
        return List.of();
      }
      matching.sort(Comparator.comparing(c -> columns[c].key));
      QueryPlan plan = QueryPlan.choose(tiers.all, q.fromMs(), q.toMs(), q.maxPoints());
      Tier tier = tiers.all[plan.tier()];
      QueryWindow w = QueryWindow.of(tier, plan, q.fromMs(), q.toMs());
      long[] timestamps = w.timestamps();
      List<SeriesData> result = new ArrayList<>(matching.size());
      for (int c : matching) {
        SeriesColumn col = columns[c];
        PointsBuilder builder = new PointsBuilder(w.points(), w.group() > 1, tier == raw);
        if (!w.empty()) {
          tier.read(c, col.key, w.lo(), w.hi(), w.group(), w.firstGroup(), builder);
        }
        result.add(builder.build(name, col.key, col.unit, w.stepMs(), timestamps));
      }
      return result;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** {@link #query}'s points of exactly {@code key}, added up as read; null without the series. */
  WindowSums sums(SeriesKey key, long fromMs, long toMs, int maxPoints) {
    long stamp = lock.readLock();
    try {
      Integer c = index.get(key);
      if (c == null) {
        return null;
      }
      QueryPlan plan = QueryPlan.choose(tiers.all, fromMs, toMs, maxPoints);
      Tier tier = tiers.all[plan.tier()];
      QueryWindow w = QueryWindow.of(tier, plan, fromMs, toMs);
      WindowSummer summer = new WindowSummer(w.firstGroup(), w.stepMs(), fromMs);
      if (!w.empty()) {
        tier.sum(c, key, w.lo(), w.hi(), w.group(), w.firstGroup(), summer);
      }
      return summer.result();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Heap held by one tier. */
  long tierBytes(int tierIndex) {
    long stamp = lock.readLock();
    try {
      return tiers.all[tierIndex].bytes();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  int tierCount() {
    return tiers.all.length;
  }

  /** Series, values held across tiers (a rollup bucket counts its min, avg and max) and bytes. */
  StoreStats stats() {
    long stamp = lock.readLock();
    try {
      long samples = tiers.valuesPerColumn() * columnCount;
      long bytes = tiers.bytes();
      bytes += (INDEX_BYTES_PER_COLUMN + SeriesStates.BYTES_PER_COLUMN) * columnCount;
      for (MetricColumns m : byMetric.values()) {
        bytes += METRIC_INDEX_ENTRY_BYTES + m.bytes();
      }
      for (int c = 0; c < columnCount; c++) {
        bytes += columns[c].bytes();
      }
      return new StoreStats(1, columnCount, samples, bytes);
    } finally {
      lock.unlockRead(stamp);
    }
  }
}
