package io.clusterwatch.hub.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A condition checked at every evaluation; time is always passed in. */
public interface Rule {
  /** Unique name, e.g. {@code gpu_temperature_critical}. */
  String name();

  /** {@code idle}, {@code health} or {@code hint}: the webhook and panel grouping. */
  String group();

  /** How long a condition must hold before the alert fires ({@code for} in Prometheus). */
  Duration holdFor();

  /** The instances of the condition that are true at {@code now}. */
  List<RuleHit> evaluate(RuleInputs inputs, Instant now);
}
