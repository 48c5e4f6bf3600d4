package io.clusterwatch.hub.store;

/**
 * One host's sealed values in one tier and time block, held in memory: per column, the {@link
 * SealedChunks} bytes. With a data directory they stay only until the block's file is written (then
 * the store's {@link BlockFiles} finds them on disk); without one, until retention drops the block.
 */
final class SealedBlock {
  final long block;
  private volatile byte[][] inMemory;

  SealedBlock(long block, byte[][] payloads) {
    this.block = block;
    this.inMemory = payloads;
  }

  /** Payloads still held in memory (null once written to a file). */
  byte[][] inMemory() {
    return inMemory;
  }

  /** The block's chunks now lie in a file: the memory copy is dropped. */
  void movedToDisk() {
    inMemory = null;
  }

  /** Heap held by the compressed chunks while in memory, and the table. */
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
    return bytes;
  }
}
