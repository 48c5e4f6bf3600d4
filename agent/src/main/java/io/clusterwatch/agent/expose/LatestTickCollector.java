package io.clusterwatch.agent.expose;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.agent.collect.TickListener;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Prometheus collector that renders the latest tick at scrape time. A scrape never runs the
 * collectors itself, so scrapes cost no extra reads and every scraper sees the same snapshot.
 */
public final class LatestTickCollector implements MultiCollector, TickListener {
  private final SnapshotMapper mapper;
  private final AtomicReference<Tick> latest = new AtomicReference<>();

  public LatestTickCollector(SnapshotMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void onTick(Tick tick) {
    latest.set(tick);
  }

  /** Empty until the first tick. */
  @Override
  public MetricSnapshots collect() {
    Tick tick = latest.get();
    return tick == null ? MetricSnapshots.of() : mapper.map(tick);
  }
}
