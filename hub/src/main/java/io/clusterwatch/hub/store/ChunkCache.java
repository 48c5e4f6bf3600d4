package io.clusterwatch.hub.store;

import io.clusterwatch.hub.store.chunk.CorruptChunkException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Sealed chunks read back from block files, least recently used first out, holding at most
 * {@code budgetBytes} of chunk bytes ({@code store.memory_budget}). A chunk whose CRC does not
 * match is an error naming the file.
 */
final class ChunkCache {
  private final long budgetBytes;
  private final LinkedHashMap<ChunkLocation, byte[]> chunks = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;
  private long reads;

  ChunkCache(long budgetBytes) {
    this.budgetBytes = budgetBytes;
  }

  /** The chunk's bytes, or null when its file is gone (deleted by retention meanwhile). */
  byte[] read(ChunkLocation at) {
    synchronized (this) {
      byte[] cached = chunks.get(at);
      if (cached != null) {
        return cached;
      }
    }
    byte[] data = load(at);
    if (data == null) {
      return null;
    }
    synchronized (this) {
      reads++;
      if (data.length <= budgetBytes && chunks.put(at, data) == null) {
        bytes += data.length;
        var it = chunks.entrySet().iterator();
        while (bytes > budgetBytes && it.hasNext()) {
          Map.Entry<ChunkLocation, byte[]> oldest = it.next();
          bytes -= oldest.getValue().length;
          it.remove();
        }
      }
    }
    return data;
  }

  private static byte[] load(ChunkLocation at) {
    ByteBuffer buffer = ByteBuffer.allocate(at.length());
    try (FileChannel ch = FileChannel.open(at.file(), StandardOpenOption.READ)) {
      while (buffer.hasRemaining()) {
        if (ch.read(buffer, at.offset() + buffer.position()) < 0) {
          throw new CorruptChunkException("block file " + at.file() + " ends before the chunk at byte " + at.offset());
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read block file " + at.file() + ": " + e.getMessage(), e);
    }
    CRC32C crc = new CRC32C();
    crc.update(buffer.array());
    if ((int) crc.getValue() != at.crc()) {
      throw new CorruptChunkException("block file " + at.file() + ": the chunk at byte " + at.offset()
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
      Map.Entry<ChunkLocation, byte[]> e = it.next();
      if (e.getKey().file().equals(file)) {
        bytes -= e.getValue().length;
        it.remove();
      }
    }
  }
}
