package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.SeriesKey;
import io.clusterwatch.protocol.SeriesTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory {@link SampleStore}: per host, time-aligned float32 columns in fixed-size rings (one
 * slot per raw step, no stored timestamps), with 10 s and 60 s min/avg/max rollups maintained as
 * ticks arrive (see {@link StoreConfig#defaults()}). About 4 bytes per raw value held; each host
 * has its own lock, so hosts never contend with each other.
 */
public final class ColumnarSampleStore implements SampleStore {
  private final StoreConfig config;
  private final Map<String, HostColumns> hosts = new ConcurrentHashMap<>();

  public ColumnarSampleStore(StoreConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public StoreConfig config() {
    return config;
  }

  @Override
  public HostAppender appender(String host, SeriesTable table) {
    Objects.requireNonNull(table, "table");
    return new ColumnarHostAppender(this, hostForAppend(host), table);
  }

  HostColumns hostForAppend(String host) {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host name must be non-empty");
    }
    return hosts.computeIfAbsent(host, h -> new HostColumns(h, config));
  }

  @Override
  public List<String> hosts() {
    List<String> names = new ArrayList<>();
    for (HostColumns h : hosts.values()) {
      if (h.seriesCount() > 0) {
        names.add(h.name);
      }
    }
    names.sort(null);
    return names;
  }

  @Override
  public List<SeriesInfo> series(String host) {
    HostColumns h = hosts.get(host);
    return h == null ? List.of() : h.series();
  }

  @Override
  public Optional<LatestValue> latest(String host, SeriesKey key) {
    HostColumns h = hosts.get(host);
    return h == null ? Optional.empty() : Optional.ofNullable(h.latest(key));
  }

  @Override
  public List<SeriesData> query(SeriesQuery query) {
    HostColumns h = hosts.get(query.host());
    return h == null ? List.of() : h.query(query);
  }

  @Override
  public StoreStats stats() {
    int hostCount = 0;
    int series = 0;
    long samples = 0;
    long bytes = 0;
    for (HostColumns h : hosts.values()) {
      StoreStats s = h.stats();
      if (s.series() > 0) {
        hostCount++;
      }
      series += s.series();
      samples += s.samples();
      bytes += s.bytes();
    }
    return new StoreStats(hostCount, series, samples, bytes);
  }

  @Override
  public void removeHost(String host) {
    HostColumns h = hosts.remove(host);
    if (h != null) {
      h.markRemoved();
    }
  }
}
