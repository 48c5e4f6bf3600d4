package io.clusterwatch.hub.store;

import io.clusterwatch.hub.store.chunk.ChunkFile;
import io.clusterwatch.protocol.SeriesKey;
import io.clusterwatch.protocol.SeriesTable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The hub's {@link SampleStore}: per host, time-aligned columns (one slot per raw step, no stored
 * timestamps), with 10 s and 60 s min/avg/max rollups maintained as ticks arrive (see {@link
 * StoreConfig#defaults()}). Each tier is cut into time blocks of {@link StoreConfig#blockMs()}: the
 * open block is held compressed but for the sub-chunk being written; a closed block is sealed
 * (Gorilla-style XOR chunks) and, with a directory, written to one file per tier and block and read
 * back through a cache bounded by {@link StoreConfig#memoryBudgetBytes()}. Without a directory,
 * sealed blocks stay in memory, compressed, until retention drops them. Each host has its own lock,
 * so hosts never contend with each other.
 */
public final class ColumnarSampleStore implements SampleStore, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ColumnarSampleStore.class.getName());

  private final StoreConfig config;
  private final Map<String, HostColumns> hosts = new ConcurrentHashMap<>();
  private final ChunkCache cache;
  private final BlockFiles files;
  private final HostColumns.SealSink sink;
  private final java.util.concurrent.atomic.AtomicLong quietSealedThrough =
      new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
  // store-wide, so that a host removed and seen again never repeats an earlier generation
  private final java.util.concurrent.atomic.AtomicLong seriesGenerations =
      new java.util.concurrent.atomic.AtomicLong();

  /** A memory-only store: sealed blocks stay in memory, compressed. */
  public ColumnarSampleStore(StoreConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.cache = new ChunkCache(0);
    this.files = null;
    this.sink = (host, tier, block, columns) -> {};
  }

  private ColumnarSampleStore(StoreConfig config, Path dir, LongConsumer writtenThrough) {
    this.config = Objects.requireNonNull(config, "config");
    this.cache = new ChunkCache(config.memoryBudgetBytes());
    this.files = new BlockFiles(dir, config, cache, writtenThrough);
    this.sink = files::sealed;
  }

  /**
   * A store keeping its sealed blocks in {@code dir}: reads the index of every block file there
   * (corrupt ones are set aside) and logs how long that took.
   *
   * @param writtenThrough told (on the store's writer thread) each time every block that ends at or
   *     before the given time (ms) is in files: the write-ahead log's records older than that are
   *     no longer needed
   */
  public static ColumnarSampleStore open(StoreConfig config, Path dir, LongConsumer writtenThrough)
      throws IOException {
    long start = System.nanoTime();
    ColumnarSampleStore store = new ColumnarSampleStore(config, dir, writtenThrough);
    int[] blocks = new int[1];
    store.files.load(
        new BlockFiles.Restorer() {
          @Override
          public void block(String host, int tier, long block) {
            store.hostForAppend(host).restore(tier, block);
            blocks[0]++;
          }

          @Override
          public void series(String host, List<ChunkFile.Series> series) {
            store.hostForAppend(host).restoreSeries(series);
          }
        });
    LOG.log(
        Level.INFO,
        "chunk files "
            + dir
            + ": "
            + blocks[0]
            + " host blocks of "
            + store.hosts.size()
            + " hosts opened in "
            + (System.nanoTime() - start) / 1_000_000
            + " ms");
    return store;
  }

  public StoreConfig config() {
    return config;
  }

  @Override
  public HostAppender appender(String host, SeriesTable table) {
    Objects.requireNonNull(table, "table");
    return new ColumnarHostAppender(this, hostForAppend(host), table);
  }

  HostColumns hostForAppend(String host) {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host name must be non-empty");
    }
    return hosts.computeIfAbsent(
        host,
        h ->
            new HostColumns(
                h,
                config,
                sink,
                seriesGenerations::incrementAndGet,
                files == null ? (tier, block, name, key) -> null : files::payload));
  }

  /** A host stored a tick at {@code tsMs}: block files whose grace has passed are written. */
  void ticked(long tsMs) {
    if (files == null) {
      return;
    }
    long quietBefore =
        Math.floorDiv(tsMs - config.sealGraceMs(), config.blockMs()) * config.blockMs();
    long seen = quietSealedThrough.get();
    if (quietBefore > seen && quietSealedThrough.compareAndSet(seen, quietBefore)) {
      // hosts that sent nothing since a block ended: seal it so that its file, and the log's
      // checkpoint, need not wait for them
      for (HostColumns h : hosts.values()) {
        h.sealIfOpenBefore(quietBefore);
      }
    }
    files.ticked(tsMs);
  }

  /** Writes every sealed block still waiting for its file, and waits (shutdown and tests). */
  public void flush() {
    if (files != null) {
      files.flush();
    }
  }

  /**
   * Names of the tiers, finest first, for meters: {@code raw}, then the rollup steps ({@code 10s}).
   */
  public List<String> tierNames() {
    List<String> names = new ArrayList<>();
    names.add("raw");
    for (RollupTierConfig r : config.rollups()) {
      names.add(r.stepMs() % 1000 == 0 ? r.stepMs() / 1000 + "s" : r.stepMs() + "ms");
    }
    return names;
  }

  /** Heap held by one tier of every host (open blocks and sealed blocks still in memory). */
  public long memoryBytes(int tier) {
    long bytes = 0;
    for (HostColumns h : hosts.values()) {
      bytes += h.tierBytes(tier);
    }
    return bytes;
  }

  /** Bytes of one tier's block files on disk (0 without a directory). */
  public long diskBytes(int tier) {
    return files == null ? 0 : files.diskBytes(tier);
  }

  /** Bytes of sealed chunks cached from disk. */
  public long cachedBytes() {
    return cache.bytes();
  }

  /** Writes what waits, then stops the writer. */
  @Override
  public void close() {
    if (files != null) {
      files.flush();
      files.close();
    }
  }

  @Override
  public List<String> hosts() {
    List<String> names = new ArrayList<>();
    for (HostColumns h : hosts.values()) {
      if (h.seriesCount() > 0) {
        names.add(h.name);
      }
    }
    names.sort(null);
    return names;
  }

  @Override
  public List<SeriesInfo> series(String host) {
    HostColumns h = hosts.get(host);
    return h == null ? List.of() : h.series();
  }

  @Override
  public long seriesGeneration(String host) {
    HostColumns h = hosts.get(host);
    return h == null ? 0 : h.seriesGeneration();
  }

  @Override
  public Optional<LatestValue> latest(String host, SeriesKey key) {
    HostColumns h = hosts.get(host);
    return h == null ? Optional.empty() : Optional.ofNullable(h.latest(key));
  }

  @Override
  public List<SeriesData> query(SeriesQuery query) {
    HostColumns h = hosts.get(query.host());
    return h == null ? List.of() : h.query(query);
  }

  @Override
  public Optional<WindowSums> sums(
      String host, SeriesKey key, long fromMs, long toMs, int maxPoints) {
    SeriesQuery.checkWindow(fromMs, toMs, maxPoints);
    HostColumns h = hosts.get(host);
    return h == null ? Optional.empty() : Optional.ofNullable(h.sums(key, fromMs, toMs, maxPoints));
  }

  @Override
  public StoreStats stats() {
    int hostCount = 0;
    int series = 0;
    long samples = 0;
    long bytes = 0;
    for (HostColumns h : hosts.values()) {
      StoreStats s = h.stats();
      if (s.series() > 0) {
        hostCount++;
      }
      series += s.series();
      samples += s.samples();
      bytes += s.bytes();
    }
    return new StoreStats(hostCount, series, samples, bytes);
  }

  @Override
  public void removeHost(String host) {
    HostColumns h = hosts.remove(host);
    if (h != null) {
      h.markRemoved();
    }
  }
}
