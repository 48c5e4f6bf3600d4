package io.clusterwatch.hub.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract with 60 s blocks written to files at once (no grace) and every block file
 * written before each read, through a cache of 4 KB: everything older than the open block is read
 * back from disk.
 */
class DiskColumnarSampleStoreTest extends SampleStoreContract {
  @TempDir Path dir;
  private ColumnarSampleStore opened;

  @Override
  protected SampleStore newStore(StoreConfig config) {
    try {
      opened =
          ColumnarSampleStore.open(
              config.withSealing(60_000, 4_096, 0), dir.resolve("chunks"), t -> {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FlushingStore(opened);
  }

  @AfterEach
  void closeStore() {
    opened.close();
  }
}
