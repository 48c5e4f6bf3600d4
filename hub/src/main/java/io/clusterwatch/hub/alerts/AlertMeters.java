package io.clusterwatch.hub.alerts;

import io.clusterwatch.hub.rules.Alert;
import io.clusterwatch.hub.rules.AlertState;
import io.clusterwatch.hub.rules.Webhook;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Meters of the rules: {@code clusterwatch_alerts{rule,group,severity,state,host}} (Prometheus'
 * {@code ALERTS}, by host: how many alerts of that rule are pending or firing there, absent when
 * none), the evaluation time, and webhook deliveries by outcome.
 */
public final class AlertMeters {
  private final MeterRegistry registry;
  private final MultiGauge alerts;
  private final Timer evaluation;

  /** The gauges' values, held here because Micrometer holds gauge objects weakly. */
  private volatile Map<Tags, java.util.concurrent.atomic.AtomicInteger> values = Map.of();

  public AlertMeters(MeterRegistry registry) {
    this.registry = registry;
    alerts =
        MultiGauge.builder("clusterwatch.alerts")
            .description("Pending and firing alerts by rule and host (1 per alert)")
            .register(registry);
    evaluation =
        Timer.builder("clusterwatch.hub.rules.evaluation")
            .description("Time to evaluate every rule once")
            .register(registry);
  }

  void evaluated(long nanos) {
    evaluation.record(nanos, TimeUnit.NANOSECONDS);
  }

  void alerts(List<Alert> current) {
    Map<Tags, java.util.concurrent.atomic.AtomicInteger> counts = new LinkedHashMap<>();
    for (Alert a : current) {
      if (a.state() == AlertState.PENDING || a.state() == AlertState.FIRING) {
        Tags tags =
            Tags.of(
                "rule",
                a.rule(),
                "group",
                a.group(),
                "severity",
                a.severity().wireName(),
                "state",
                a.state().wireName(),
                "host",
                a.labels().getOrDefault("host", ""));
        counts
            .computeIfAbsent(tags, t -> new java.util.concurrent.atomic.AtomicInteger())
            .incrementAndGet();
      }
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    counts.forEach(
        (tags, n) ->
            rows.add(MultiGauge.Row.of(tags, n, java.util.concurrent.atomic.AtomicInteger::get)));
    values = counts;
    alerts.register(rows, true);
  }

  /** Counts a webhook batch's fate. */
  public void delivery(Webhook.Delivery d) {
    String outcome =
        d.delivered() ? "delivered" : d.outcome().startsWith("dropped") ? "dropped" : "failed";
    Counter.builder("clusterwatch.hub.webhook.batches")
        .description("Webhook batches by what became of them")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
