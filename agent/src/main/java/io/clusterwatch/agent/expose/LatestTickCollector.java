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
  /** The families of the latest tick, made once however many scrapers ask. */
  private final AtomicReference<Rendered> rendered = new AtomicReference<>();

  private record Rendered(Tick tick, MetricSnapshots snapshots) {}

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
    if (tick == null) {
      return MetricSnapshots.of();
    }
    Rendered r = rendered.get();
    if (r == null || r.tick() != tick) {
      r = new Rendered(tick, mapper.map(tick));
      rendered.set(r);
    }
    return r.snapshots();
  }
}
