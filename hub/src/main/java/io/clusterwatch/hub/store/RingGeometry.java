package io.clusterwatch.hub.store;

/**
 * Layout of a ring of slots split into equal chunks: slot {@code s} lives at position
 * {@code floorMod(s, capacity)}, in chunk {@code position / chunkSlots}. Chunks are allocated on
 * first use, so a host that has sent ten minutes of data holds about ten minutes of memory.
 *
 * @param chunkSlots slots per chunk
 * @param chunks chunks per ring
 */
record RingGeometry(int chunkSlots, int chunks) {
  RingGeometry {
    if (chunkSlots < 1 || chunks < 1) {
      throw new IllegalArgumentException("ring needs at least one slot");
    }
  }

  /**
   * The smallest ring of at least {@code slots} slots made of chunks of about
   * {@code targetChunkSlots} (chunk sizes are evened out so little is wasted past the retention).
   */
  static RingGeometry forSlots(long slots, int targetChunkSlots) {
    if (slots < 1 || slots > Integer.MAX_VALUE / 4) {
      throw new IllegalArgumentException("a ring of " + slots + " slots is out of range");
    }
    int chunks = (int) ((slots + targetChunkSlots - 1) / targetChunkSlots);
    int chunkSlots = (int) ((slots + chunks - 1) / chunks);
    return new RingGeometry(chunkSlots, chunks);
  }

  int capacity() {
    return chunkSlots * chunks;
  }

  int position(long slot) {
    return (int) Math.floorMod(slot, (long) capacity());
  }
}
