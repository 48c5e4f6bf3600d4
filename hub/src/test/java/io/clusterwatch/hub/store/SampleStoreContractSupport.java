package io.clusterwatch.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.protocol.Labels;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared setup of the {@link SampleStoreContract} suites: a store built by the implementation's
 * factory with a small configuration (60 s raw, 10 s buckets for 10 min, 60 s buckets for 1 h) so
 * that retention and tier choice show up within a few thousand ticks.
 */
abstract class SampleStoreContractSupport {
  /** Aligned to 60 s, so tick {@code s} starts raw slot, 10 s bucket and 60 s bucket boundaries. */
  static final long T0 = 1_700_000_040_000L;

  static final StoreConfig CONFIG =
      new StoreConfig(
          1_000,
          60_000,
          List.of(new RollupTierConfig(10_000, 600_000), new RollupTierConfig(60_000, 3_600_000)),
          64);

  SampleStore store;

  /** A fresh, empty store with {@code config}. */
  protected abstract SampleStore newStore(StoreConfig config);

  @BeforeEach
  void createStore() {
    store = newStore(CONFIG);
  }

  static long sec(long s) {
    return T0 + s * 1_000;
  }

  List<SeriesData> query(String host, String metric, Labels labels, long from, long to, int max) {
    return store.query(new SeriesQuery(host, metric, labels, from, to, max));
  }

  SeriesData only(String host, String metric, long from, long to, int maxPoints) {
    List<SeriesData> result = query(host, metric, Labels.EMPTY, from, to, maxPoints);
    assertEquals(1, result.size(), "series returned for " + metric);
    return result.get(0);
  }

  static long[] seconds(long first, long last) {
    long[] ts = new long[(int) (last - first + 1)];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = sec(first + i);
    }
    return ts;
  }
}
