package io.clusterwatch.hub.store;

import io.clusterwatch.hub.store.chunk.ChunkFile;
import io.clusterwatch.hub.store.chunk.CorruptChunkException;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.SeriesKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Sealed chunks and hosts' index sections read back from chunk files, least recently used first
 * out, holding at most {@code budgetBytes} ({@code store.memory_budget}; an index entry counted at
 * {@link #BYTES_PER_ENTRY}). A chunk or section whose CRC does not match is an error naming the
 * file, and reads as gaps.
 */
final class ChunkCache {
  private static final System.Logger LOG = System.getLogger(ChunkCache.class.getName());

  /** Estimated heap of one index entry: map entry, key, location. */
  static final int BYTES_PER_ENTRY = 120;

  private final long budgetBytes;
  private final LinkedHashMap<Object, Object> chunks = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;
  private long reads;

  ChunkCache(long budgetBytes) {
    this.budgetBytes = budgetBytes;
  }

  /** The chunk's bytes, or null when its file is gone (deleted by retention meanwhile). */
  byte[] read(ChunkLocation at) {
    synchronized (this) {
      Object cached = chunks.get(at);
      if (cached != null) {
        return (byte[]) cached;
      }
    }
    byte[] data;
    try {
      data = load(at);
    } catch (CorruptChunkException e) {
      LOG.log(System.Logger.Level.ERROR, e.getMessage() + "; it reads as gaps");
      data = new byte[0];
    }
    if (data == null) {
      return null;
    }
    put(at, data, data.length);
    return data.length == 0 ? null : data;
  }

  /** One host's index section of a file: series key to chunk (empty when gone or corrupt). */
  @SuppressWarnings("unchecked")
  Map<SeriesKey, ChunkLocation> section(DiskSection s) {
    synchronized (this) {
      Object cached = chunks.get(s);
      if (cached != null) {
        return (Map<SeriesKey, ChunkLocation>) cached;
      }
    }
    Map<SeriesKey, ChunkLocation> index = new HashMap<>();
    try {
      for (ChunkFile.Series series : ChunkFile.readSection(s.file(), s.section())) {
        index.put(
            new SeriesKey(series.metric(), Labels.of(series.labels().toArray(String[]::new))),
            new ChunkLocation(s.file(), series.offset(), series.length(), series.crc()));
      }
    } catch (java.nio.file.NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read chunk file " + s.file() + ": " + e.getMessage(), e);
    } catch (CorruptChunkException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          e.getMessage() + "; that host's chunks of the file read as gaps");
      index = Map.of();
    }
    put(s, index, (long) BYTES_PER_ENTRY * Math.max(1, index.size()));
    return index;
  }

  /** A file's host table: host to index section (empty when the file is gone or corrupt). */
  @SuppressWarnings("unchecked")
  Map<String, ChunkFile.Section> hostTable(Path file) {
    synchronized (this) {
      Object cached = chunks.get(file);
      if (cached != null) {
        return (Map<String, ChunkFile.Section>) cached;
      }
    }
    Map<String, ChunkFile.Section> table = new HashMap<>();
    try {
      for (ChunkFile.Section s : ChunkFile.open(file).hosts()) {
        table.put(s.host(), s);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read chunk file " + file + ": " + e.getMessage(), e);
    } catch (CorruptChunkException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "chunk file " + file + ": " + e.getMessage() + "; it reads as gaps");
      table = Map.of();
    }
    put(file, table, (long) BYTES_PER_ENTRY * Math.max(1, table.size()));
    return table;
  }

  private synchronized void put(Object key, Object value, long size) {
    reads++;
    if (size <= budgetBytes && chunks.put(key, value) == null) {
      bytes += size;
      var it = chunks.entrySet().iterator();
      while (bytes > budgetBytes && it.hasNext()) {
        bytes -= sizeOf(it.next().getValue());
        it.remove();
      }
    }
  }

  private static long sizeOf(Object value) {
    return value instanceof byte[] b
        ? b.length
        : (long) BYTES_PER_ENTRY * Math.max(1, ((Map<?, ?>) value).size());
  }

  private static byte[] load(ChunkLocation at) {
    ByteBuffer buffer = ByteBuffer.allocate(at.length());
    try (FileChannel ch = FileChannel.open(at.file(), StandardOpenOption.READ)) {
      while (buffer.hasRemaining()) {
        if (ch.read(buffer, at.offset() + buffer.position()) < 0) {
          throw new CorruptChunkException(
              "block file " + at.file() + " ends before the chunk at byte " + at.offset());
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read block file " + at.file() + ": " + e.getMessage(), e);
    }
    CRC32C crc = new CRC32C();
    crc.update(buffer.array());
    if ((int) crc.getValue() != at.crc()) {
      throw new CorruptChunkException(
          "block file "
              + at.file()
              + ": the chunk at byte "
              + at.offset()
              + " does not match its checksum");
    }
    return buffer.array();
  }

  /** Bytes of chunks cached now. */
  synchronized long bytes() {
    return bytes;
  }

  /** Chunks read from disk (cache misses). */
  synchronized long reads() {
    return reads;
  }

  /** Forgets the chunks of a file about to be deleted. */
  synchronized void forget(java.nio.file.Path file) {
    var it = chunks.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Object, Object> e = it.next();
      Object k = e.getKey();
      Path f =
          k instanceof ChunkLocation l
              ? l.file()
              : k instanceof DiskSection d ? d.file() : (Path) k;
      if (f.equals(file)) {
        bytes -= sizeOf(e.getValue());
        it.remove();
      }
    }
  }
}
