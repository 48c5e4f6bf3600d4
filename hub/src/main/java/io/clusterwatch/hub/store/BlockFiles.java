package io.clusterwatch.hub.store;

import io.clusterwatch.hub.store.chunk.ChunkFile;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The store's block files, {@code DIR/<tier>/<block start ms>-<n>.chunk} ({@link ChunkFile}): the
 * blocks the hosts seal wait in memory (compressed) until the newest tick of any host is {@code
 * sealGraceMs} past the block's end, then one thread writes all of them as one file per tier and
 * block, fsyncs it, and the hosts drop their memory copy. A host sealing a block after its file was
 * written gets a file of its own ({@code -1}, {@code -2}, ...). Retention deletes whole files once
 * their block ends before the newest tick minus the tier's retention.
 */
final class BlockFiles implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BlockFiles.class.getName());

  /** A sealed block of one host waiting for its file. */
  private record Pending(String host, SealedBlock block, SeriesDescriptor[] columns) {}

  private record Group(int tier, long block) {}

  private record OnDisk(Path file, long size) {}

  private final Path dir;
  private final StoreConfig config;
  private final ChunkCache cache;
  private final long[] stepMs;
  private final long[] retentionMs;
  private final ExecutorService writer;
  private final AtomicLongArray diskBytes;
  private final LongConsumer writtenThrough;
  // guarded by this
  private final Map<Group, List<Pending>> pending = new HashMap<>();
  private final List<TreeMap<Long, List<OnDisk>>> files = new ArrayList<>();
  private long newestMs = Long.MIN_VALUE;
  private long sealedThroughMs = Long.MIN_VALUE;

  /**
   * @param writtenThrough told, on the writer thread, each time every block ending at or before the
   *     given time (ms) is in files
   */
  BlockFiles(Path dir, StoreConfig config, ChunkCache cache, LongConsumer writtenThrough) {
    this.dir = dir;
    this.config = config;
    this.cache = cache;
    this.writtenThrough = writtenThrough;
    int tiers = config.rollups().size() + 1;
    this.stepMs = new long[tiers];
    this.retentionMs = new long[tiers];
    stepMs[0] = config.rawStepMs();
    retentionMs[0] = config.rawRetentionMs();
    for (int i = 1; i < tiers; i++) {
      stepMs[i] = config.rollups().get(i - 1).stepMs();
      retentionMs[i] = config.rollups().get(i - 1).retentionMs();
    }
    this.diskBytes = new AtomicLongArray(tiers);
    for (int i = 0; i < tiers; i++) {
      files.add(new TreeMap<>());
    }
    this.writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "hub-store-seal");
              t.setDaemon(true);
              return t;
            });
  }

  private Path tierDir(int tier) {
    return dir.resolve(Integer.toString(tier));
  }

  /** A host sealed a block (called under the host's lock: only queues it). */
  synchronized void sealed(String host, int tier, SealedBlock block, SeriesDescriptor[] columns) {
    pending
        .computeIfAbsent(new Group(tier, block.block), g -> new ArrayList<>())
        .add(new Pending(host, block, columns));
  }

  /** A host stored a tick at {@code tsMs}: writes the groups whose grace has passed. */
  void ticked(long tsMs) {
    List<Map.Entry<Group, List<Pending>>> due = new ArrayList<>();
    synchronized (this) {
      if (tsMs <= newestMs) {
        return;
      }
      newestMs = tsMs;
      Iterator<Map.Entry<Group, List<Pending>>> it = pending.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<Group, List<Pending>> e = it.next();
        if (blockEndMs(e.getKey()) + config.sealGraceMs() <= tsMs) {
          due.add(e);
          it.remove();
        }
      }
      if (due.isEmpty()) {
        return;
      }
    }
    long through = tsMs - config.sealGraceMs();
    writer.execute(
        () -> {
          for (Map.Entry<Group, List<Pending>> e : due) {
            write(e.getKey(), e.getValue());
          }
          dropExpired(tsMs);
          reportWrittenThrough(through);
        });
  }

  private long blockEndMs(Group g) {
    return (g.block() + 1) * config.blockMs();
  }

  /** Writes every waiting block now and waits for it (shutdown and tests). */
  void flush() {
    List<Map.Entry<Group, List<Pending>>> due;
    synchronized (this) {
      due = new ArrayList<>(pending.entrySet());
      pending.clear();
    }
    try {
      writer
          .submit(
              () -> {
                for (Map.Entry<Group, List<Pending>> e : due) {
                  write(e.getKey(), e.getValue());
                }
              })
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void reportWrittenThrough(long through) {
    long mark;
    synchronized (this) {
      long oldestPending = Long.MAX_VALUE;
      for (Group g : pending.keySet()) {
        oldestPending = Math.min(oldestPending, g.block() * config.blockMs());
      }
      mark = Math.min(through, oldestPending);
      if (mark <= sealedThroughMs) {
        return;
      }
      sealedThroughMs = mark;
    }
    writtenThrough.accept(mark);
  }

  /** Writes one group as one file; on failure its blocks stay in memory and are retried later. */
  private void write(Group g, List<Pending> blocks) {
    long startMs = g.block() * config.blockMs();
    int blockSlots = Math.toIntExact(config.blockMs() / stepMs[g.tier()]);
    int subSlots = Math.min(g.tier() == 0 ? RawTier.SUB_SLOTS : RollupTier.SUB_SLOTS, blockSlots);
    ChunkFile.Header header =
        new ChunkFile.Header(
            g.tier(), startMs, stepMs[g.tier()], blockSlots, subSlots, g.tier() == 0 ? 1 : 3);
    List<ChunkFile.Host> hosts = new ArrayList<>();
    for (Pending p : blocks) {
      byte[][] payloads = p.block().inMemory();
      List<ChunkFile.Series> series = new ArrayList<>();
      for (int c = 0; c < payloads.length; c++) {
        if (payloads[c] == null) {
          continue;
        }
        SeriesDescriptor d = p.columns()[c];
        List<String> labels = new ArrayList<>();
        for (int l = 0; l < d.labels().size(); l++) {
          labels.add(d.labels().name(l));
          labels.add(d.labels().value(l));
        }
        series.add(
            ChunkFile.Series.of(
                d.metric(),
                labels,
                (byte) (d.type() == MetricType.COUNTER ? 1 : 0),
                d.unit(),
                d.scale(),
                payloads[c]));
      }
      hosts.add(new ChunkFile.Host(p.host(), series));
    }
    try {
      Files.createDirectories(tierDir(g.tier()));
      Path file = freeName(g.tier(), startMs);
      ChunkFile.write(file, header, hosts);
      long size = Files.size(file);
      synchronized (this) {
        files
            .get(g.tier())
            .computeIfAbsent(startMs, k -> new ArrayList<>())
            .add(new OnDisk(file, size));
      }
      diskBytes.addAndGet(g.tier(), size);
      for (Pending p : blocks) {
        p.block().movedToDisk();
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "chunk files "
              + tierDir(g.tier())
              + ": cannot write the block at "
              + startMs
              + " ("
              + e.getMessage()
              + "); it stays in memory and is tried again with the next block");
      synchronized (this) {
        pending.computeIfAbsent(g, k -> new ArrayList<>()).addAll(blocks);
      }
    }
  }

  private Path freeName(int tier, long startMs) {
    for (int n = 0; ; n++) {
      Path file = tierDir(tier).resolve(startMs + "-" + n + ChunkFile.SUFFIX);
      if (!Files.exists(file)) {
        return file;
      }
    }
  }

  private void dropExpired(long newest) {
    for (int tier = 0; tier < files.size(); tier++) {
      List<OnDisk> expired = new ArrayList<>();
      synchronized (this) {
        TreeMap<Long, List<OnDisk>> byStart = files.get(tier);
        while (!byStart.isEmpty()
            && byStart.firstKey() + config.blockMs() <= newest - retentionMs[tier]) {
          expired.addAll(byStart.pollFirstEntry().getValue());
        }
      }
      for (OnDisk f : expired) {
        try {
          cache.forget(f.file());
          Files.deleteIfExists(f.file());
          diskBytes.addAndGet(tier, -f.size());
        } catch (IOException e) {
          LOG.log(
              Level.WARNING,
              "chunk files: cannot delete expired " + f.file() + ": " + e.getMessage());
        }
      }
    }
  }

  /**
   * Reads the host table of every chunk file (oldest first) into {@code restore}, then each host's
   * index section of its newest file per tier (its series); corrupt files are set aside.
   */
  void load(Restorer restore) throws IOException {
    Files.createDirectories(dir);
    Map<String, DiskSection> newest = new HashMap<>();
    for (int tier = 0; tier < files.size(); tier++) {
      Path d = tierDir(tier);
      if (!Files.isDirectory(d)) {
        continue;
      }
      List<Path> found;
      try (Stream<Path> s = Files.list(d)) {
        found =
            s.filter(p -> p.getFileName().toString().endsWith(ChunkFile.SUFFIX)).sorted().toList();
      }
      for (Path file : found) {
        ChunkFile.Contents contents = ChunkFile.read(file);
        if (contents == null) {
          continue;
        }
        ChunkFile.Header h = contents.header();
        if (h.tier() != tier
            || h.stepMs() != stepMs[tier]
            || h.startMs() % config.blockMs() != 0
            || h.blockSlots() * h.stepMs() != config.blockMs()) {
          LOG.log(
              Level.WARNING,
              "chunk file "
                  + file
                  + " was written for another store shape (tier "
                  + h.tier()
                  + ", step "
                  + h.stepMs()
                  + " ms, block "
                  + h.blockSlots() * h.stepMs()
                  + " ms); it is not read");
          continue;
        }
        long size = Files.size(file);
        synchronized (this) {
          files
              .get(tier)
              .computeIfAbsent(h.startMs(), k -> new ArrayList<>())
              .add(new OnDisk(file, size));
          newestMs = Math.max(newestMs, h.startMs() + config.blockMs() - 1);
        }
        diskBytes.addAndGet(tier, size);
        for (ChunkFile.Section host : contents.hosts()) {
          restore.block(host.host(), tier, h.startMs() / config.blockMs());
          newest.put(tier + "/" + host.host(), new DiskSection(file, host));
        }
      }
    }
    for (DiskSection s : newest.values()) {
      try {
        restore.series(s.section().host(), ChunkFile.readSection(s.file(), s.section()));
      } catch (io.clusterwatch.hub.store.chunk.CorruptChunkException e) {
        LOG.log(
            Level.ERROR,
            e.getMessage() + "; that host's series are listed once it sends them again");
      }
    }
  }

  /** Takes what the chunk files hold at start. */
  interface Restorer {
    /** One host's block of one tier lies in a file. */
    void block(String host, int tier, long block);

    /** Series of a host, from its newest file of a tier. */
    void series(String host, List<ChunkFile.Series> series);
  }

  /**
   * The sealed bytes of one series of one host in one block of a tier, from the block's files
   * (their host tables, index sections and chunks read through the cache), or null.
   */
  byte[] payload(int tier, long block, String host, io.clusterwatch.protocol.SeriesKey key) {
    List<OnDisk> candidates;
    synchronized (this) {
      List<OnDisk> found = files.get(tier).get(block * config.blockMs());
      if (found == null) {
        return null;
      }
      candidates = List.copyOf(found);
    }
    for (OnDisk f : candidates) {
      ChunkFile.Section section = cache.hostTable(f.file()).get(host);
      if (section == null) {
        continue;
      }
      ChunkLocation at = cache.section(new DiskSection(f.file(), section)).get(key);
      if (at != null) {
        return cache.read(at);
      }
    }
    return null;
  }

  /** Bytes of block files of {@code tier} on disk. */
  long diskBytes(int tier) {
    return diskBytes.get(tier);
  }

  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
