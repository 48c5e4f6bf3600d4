package io.clusterwatch.hub.rules;

import io.clusterwatch.common.config.Checks;
import io.clusterwatch.common.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of {@code rules.webhooks}: where alert changes of some rule groups are POSTed.
 *
 * @param url http or https URL ({@code url}, required)
 * @param groups rule groups sent there ({@code groups}, default {@code [idle, health]}; hints only
 *     when named)
 * @param timeout per request ({@code timeout}, 5s)
 * @param maxAttempts tries per batch before it is dropped ({@code max_attempts}, 6)
 * @param backoffInitial delay before the first retry, doubled each time ({@code backoff_initial},
 *     1s)
 * @param backoffMax longest delay between tries ({@code backoff_max}, 60s)
 * @param queueCapacity batches waiting to be sent; the oldest is dropped beyond it ({@code
 *     queue_capacity}, 1000)
 */
public record WebhookConfig(
    URI url,
    Set<String> groups,
    Duration timeout,
    Integer maxAttempts,
    Duration backoffInitial,
    Duration backoffMax,
    Integer queueCapacity) {
  /** The rule groups a webhook can subscribe to. */
  public static final List<String> GROUPS = List.of("idle", "health", "hint");

  public WebhookConfig {
    if (url == null) {
      throw new ConfigException("url", "is required");
    }
    String scheme = url.getScheme();
    if (scheme == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || url.getHost() == null) {
      throw new ConfigException(
          "url", "expected an http:// or https:// URL with a host, got '" + url + "'");
    }
    groups = Set.copyOf(Objects.requireNonNullElse(groups, Set.of("idle", "health")));
    for (String g : groups) {
      Checks.oneOf("groups", g, GROUPS);
    }
    timeout =
        Checks.positive("timeout", Objects.requireNonNullElse(timeout, Duration.ofSeconds(5)));
    maxAttempts = Checks.positive("max_attempts", Objects.requireNonNullElse(maxAttempts, 6));
    backoffInitial =
        Checks.positive(
            "backoff_initial", Objects.requireNonNullElse(backoffInitial, Duration.ofSeconds(1)));
    backoffMax = Objects.requireNonNullElse(backoffMax, Duration.ofSeconds(60));
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new ConfigException("backoff_max", "must not be shorter than backoff_initial");
    }
    queueCapacity =
        Checks.positive("queue_capacity", Objects.requireNonNullElse(queueCapacity, 1000));
  }

  /** A webhook to {@code url} with every default. */
  public static WebhookConfig to(URI url) {
    return new WebhookConfig(url, null, null, null, null, null, null);
  }
}
