package io.clusterwatch.hub.store;

/** The columnar store against the store contract. */
class ColumnarSampleStoreTest extends SampleStoreContract {
  @Override
  protected SampleStore newStore(StoreConfig config) {
    return new ColumnarSampleStore(config);
  }
}
