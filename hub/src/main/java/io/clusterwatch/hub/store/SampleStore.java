package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.SeriesKey;
import io.clusterwatch.protocol.SeriesTable;
import java.util.List;
import java.util.Optional;

/**
 * Recent history of every node's series. Counters are turned into per-second rates (in the metric's
 * base unit per second) as they arrive; a counter that goes backwards makes a gap (NaN), never a
 * negative value or a spike. Gauges are kept as they are.
 *
 * <p>Implementations are thread-safe: ingest appends from event-loop threads while queries run.
 */
public interface SampleStore {
  /**
   * Prepares appends for one host's series table (called on hello and on every schema change). The
   * appender maps table positions to the host's columns; series absent from a new table simply stop
   * receiving values.
   */
  HostAppender appender(String host, SeriesTable table);

  /** Hosts with any stored series, sorted. */
  List<String> hosts();

  /** Every series of a host, sorted by key. */
  List<SeriesInfo> series(String host);

  /**
   * A number that changes whenever {@link #series(String)} of the host would return a different
   * list (a series added, a type or unit changed, the host removed and seen again): what is derived
   * from a host's series list is rebuilt only when it differs.
   */
  long seriesGeneration(String host);

  /** The newest value of one series, if any (for counters: the newest rate and raw value). */
  Optional<LatestValue> latest(String host, SeriesKey key);

  /**
   * Series of one host whose metric equals {@code query.metric()} and whose labels contain {@code
   * query.labels()}, over {@code [fromMs, toMs]}, using the finest tier whose point count for the
   * range fits in {@code query.maxPoints()} (coarser tiers aggregate min/avg/max); never more than
   * {@code maxPoints} points per series.
   */
  List<SeriesData> query(SeriesQuery query);

  /**
   * What the points {@link #query} answers for exactly the series {@code key} over {@code [fromMs,
   * toMs]} with at most {@code maxPoints} points add up to; empty when the host has no such series.
   * Stores that can read a series without making its points override this.
   */
  default Optional<WindowSums> sums(
      String host, SeriesKey key, long fromMs, long toMs, int maxPoints) {
    return query(new SeriesQuery(host, key.metric(), key.labels(), fromMs, toMs, maxPoints))
        .stream()
        .filter(d -> d.key().labels().equals(key.labels()))
        .findFirst()
        .map(d -> WindowSums.of(d, fromMs));
  }

  /** Size figures for the hub's own metrics. */
  StoreStats stats();

  /** Forgets a host entirely (operator action or retention of dead nodes). */
  void removeHost(String host);
}
