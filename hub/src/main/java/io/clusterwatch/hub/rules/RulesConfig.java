package io.clusterwatch.hub.rules;

import java.time.Duration;
import java.util.List;

/**
 * {@code rules} in hub.yaml: every threshold of every rule, with defaults from field-survey.md 5.
 *
 * @param evaluationInterval how often rules run ({@code evaluation_interval}, 10s)
 * @param resolvedRetention how long resolved alerts stay listed ({@code resolved_retention}, 15m, as
 *     Prometheus keeps them)
 * @param idle {@code idle}
 * @param health {@code health}
 * @param hints {@code hints}
 * @param webhooks {@code webhooks}
 */
public record RulesConfig(
    Duration evaluationInterval,
    Duration resolvedRetention,
    IdleRulesConfig idle,
    HealthRulesConfig health,
    HintRulesConfig hints,
    List<WebhookConfig> webhooks) {
  public RulesConfig {
    webhooks = List.copyOf(webhooks);
  }

  public static RulesConfig defaults() {
    return new RulesConfig(
        Duration.ofSeconds(10), Duration.ofMinutes(15), IdleRulesConfig.defaults(), HealthRulesConfig.defaults(),
        HintRulesConfig.defaults(), List.of());
  }
}
