package io.clusterwatch.hub.rules;

import io.clusterwatch.common.config.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code rules} in hub.yaml: every threshold of every rule, with defaults from field-survey.md 5.
 *
 * @param evaluationInterval how often rules run ({@code evaluation_interval}, 10s)
 * @param resolvedRetention how long resolved alerts stay listed ({@code resolved_retention}, 15m,
 *     as Prometheus keeps them)
 * @param idle {@code idle}
 * @param health {@code health}
 * @param hints {@code hints}
 * @param webhooks {@code webhooks}, default none
 */
public record RulesConfig(
    Duration evaluationInterval,
    Duration resolvedRetention,
    IdleRulesConfig idle,
    HealthRulesConfig health,
    HintRulesConfig hints,
    List<WebhookConfig> webhooks) {
  public RulesConfig {
    evaluationInterval =
        Checks.positive(
            "evaluation_interval",
            Objects.requireNonNullElse(evaluationInterval, Duration.ofSeconds(10)));
    resolvedRetention = Objects.requireNonNullElse(resolvedRetention, Duration.ofMinutes(15));
    idle = Objects.requireNonNullElse(idle, IdleRulesConfig.defaults());
    health = Objects.requireNonNullElse(health, HealthRulesConfig.defaults());
    hints = Objects.requireNonNullElse(hints, HintRulesConfig.defaults());
    webhooks = List.copyOf(Objects.requireNonNullElse(webhooks, List.of()));
  }

  public static RulesConfig defaults() {
    return new RulesConfig(null, null, null, null, null, null);
  }
}
