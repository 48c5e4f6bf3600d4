package io.clusterwatch.hub.history;

import io.clusterwatch.hub.store.SeriesData;

/**
 * A series of an API answer with where its points came from.
 *
 * @param source {@code hub} (the hub's own tiers), {@code history} (the database) or {@code
 *     hub+history} (the database up to the hub's first point, the hub from there on)
 */
public record SourcedSeries(SeriesData data, String source) {
  public static final String HUB = "hub";
  public static final String HISTORY = "history";
  public static final String BOTH = "hub+history";
}
