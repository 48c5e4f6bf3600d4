package io.clusterwatch.hub.store;

import java.util.Arrays;

/**
 * One host's sealed values in one tier and time block, per column: the {@link SealedChunks} bytes
 * held in memory until the block's file is written, then where they lie in that file (read back
 * through the store's {@link ChunkCache}). Without a data directory they stay in memory, compressed,
 * until retention drops the block.
 */
final class SealedBlock {
  final long block;
  private volatile byte[][] inMemory;
  private volatile ChunkLocation[] onDisk;

  SealedBlock(long block, byte[][] payloads) {
    this.block = block;
    this.inMemory = payloads;
  }

  static SealedBlock onDisk(long block, ChunkLocation[] locations) {
    SealedBlock b = new SealedBlock(block, null);
    b.onDisk = locations;
    return b;
  }

  /** The sealed bytes of {@code column} (null when it had no values in the block). */
  byte[] payload(int column, ChunkCache cache) {
    byte[][] mem = inMemory;
    if (mem != null) {
      return column < mem.length ? mem[column] : null;
    }
    ChunkLocation[] disk = onDisk;
    if (disk == null || column >= disk.length || disk[column] == null) {
      return null;
    }
    return cache.read(disk[column]);
  }

  /** Payloads still held in memory (null once written to a file). */
  byte[][] inMemory() {
    return inMemory;
  }

  /** The block's chunks now lie in a file: the memory copy is dropped. */
  void movedToDisk(ChunkLocation[] locations) {
    onDisk = locations;
    inMemory = null;
  }

  /** Adds chunks of columns added after the block was loaded (restart: one file per host block). */
  void addLocations(ChunkLocation[] more) {
    ChunkLocation[] current = onDisk == null ? new ChunkLocation[0] : onDisk;
    ChunkLocation[] merged = Arrays.copyOf(current, Math.max(current.length, more.length));
    for (int i = 0; i < more.length; i++) {
      if (more[i] != null) {
        merged[i] = more[i];
      }
    }
    onDisk = merged;
  }

  /** Heap held by the compressed chunks while in memory, plus the table. */
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
    ChunkLocation[] disk = onDisk;
    if (disk != null) {
      bytes += 16 + 8L * disk.length + 40L * disk.length;
    }
    return bytes;
  }

  /** Bytes of chunk data on disk. */
  long diskBytes() {
    long bytes = 0;
    ChunkLocation[] disk = onDisk;
    if (disk != null && inMemory == null) {
      for (ChunkLocation l : disk) {
        if (l != null) {
          bytes += l.length();
        }
      }
    }
    return bytes;
  }
}
