package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.SeriesKey;
import java.util.ArrayList;
import java.util.List;

/**
 * One host's sealed values in one tier and time block: per column, the {@link SealedChunks} bytes
 * held in memory until the block's file is written; then only where the host's index section lies
 * in that file (a few dozen bytes, whatever the number of series), the section and the chunks
 * being read back through the store's {@link ChunkCache}. Without a data directory the chunks stay
 * in memory, compressed, until retention drops the block.
 */
final class SealedBlock {
  final long block;
  private volatile byte[][] inMemory;
  private volatile List<DiskSection> onDisk = List.of();

  SealedBlock(long block, byte[][] payloads) {
    this.block = block;
    this.inMemory = payloads;
  }

  static SealedBlock onDisk(long block, DiskSection section) {
    SealedBlock b = new SealedBlock(block, null);
    b.onDisk = List.of(section);
    return b;
  }

  /** The sealed bytes of {@code column} (null when it had no values in the block). */
  byte[] payload(int column, SeriesKey key, ChunkCache cache) {
    byte[][] mem = inMemory;
    if (mem != null) {
      return column < mem.length ? mem[column] : null;
    }
    for (DiskSection s : onDisk) {
      ChunkLocation at = cache.section(s).get(key);
      if (at != null) {
        return cache.read(at);
      }
    }
    return null;
  }

  /** Payloads still held in memory (null once written to a file). */
  byte[][] inMemory() {
    return inMemory;
  }

  /** The block's chunks now lie in a file: the memory copy is dropped. */
  void movedToDisk(DiskSection section) {
    onDisk = List.of(section);
    inMemory = null;
  }

  /** Another file holds more of this host's block (a host sealed it after the first file). */
  void addSection(DiskSection section) {
    List<DiskSection> more = new ArrayList<>(onDisk);
    more.add(section);
    onDisk = List.copyOf(more);
  }

  /** Heap held: the compressed chunks while in memory, else the file references. */
  long memoryBytes() {
    long bytes = 32;
    byte[][] mem = inMemory;
    if (mem != null) {
      bytes += 16 + 8L * mem.length;
      for (byte[] b : mem) {
        if (b != null) {
          bytes += BlockColumn.align(16 + b.length);
        }
      }
    }
    return bytes + 64L * onDisk.size();
  }
}
