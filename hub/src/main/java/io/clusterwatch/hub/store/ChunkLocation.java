package io.clusterwatch.hub.store;

import java.nio.file.Path;

/**
 * Where one series' sealed chunk lies in a chunk file.
 *
 * @param crc CRC-32C of the chunk's bytes, checked on every read from disk
 */
record ChunkLocation(Path file, long offset, int length, int crc) {}
