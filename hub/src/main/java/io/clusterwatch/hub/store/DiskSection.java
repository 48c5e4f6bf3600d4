package io.clusterwatch.hub.store;

import io.clusterwatch.hub.store.chunk.ChunkFile;
import java.nio.file.Path;

/** One host's index section in one chunk file: where that host's chunks of the block are found. */
record DiskSection(Path file, ChunkFile.Section section) {}
