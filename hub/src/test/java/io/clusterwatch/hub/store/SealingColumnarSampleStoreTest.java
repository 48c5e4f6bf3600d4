package io.clusterwatch.hub.store;

/**
 * The store contract with 60 s blocks and no data directory: everything older than the open block
 * is read from sealed (compressed, in-memory) blocks.
 */
class SealingColumnarSampleStoreTest extends SampleStoreContract {
  @Override
  protected SampleStore newStore(StoreConfig config) {
    return new ColumnarSampleStore(config.withSealing(60_000, 0, 0));
  }
}
