package io.clusterwatch.hub.rules;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * One entry of {@code rules.webhooks}: where alert changes of some rule groups are POSTed.
 *
 * @param url http or https URL ({@code url})
 * @param groups rule groups sent there ({@code groups}, default {@code [idle, health]}; hints only when named)
 * @param timeout per request ({@code timeout}, 5s)
 * @param maxAttempts tries per batch before it is dropped ({@code max_attempts}, 6)
 * @param backoffInitial delay before the first retry, doubled each time ({@code backoff_initial}, 1s)
 * @param backoffMax longest delay between tries ({@code backoff_max}, 60s)
 * @param queueCapacity batches waiting to be sent; the oldest is dropped beyond it ({@code queue_capacity}, 1000)
 */
public record WebhookConfig(
    URI url,
    Set<String> groups,
    Duration timeout,
    int maxAttempts,
    Duration backoffInitial,
    Duration backoffMax,
    int queueCapacity) {
  public WebhookConfig {
    groups = Set.copyOf(groups);
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException("webhook url must be http(s)://host...: " + url);
    }
    if (maxAttempts < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("webhook " + url + ": max_attempts and queue_capacity must be >= 1");
    }
  }

  public static WebhookConfig to(URI url) {
    return new WebhookConfig(url, Set.of("idle", "health"), Duration.ofSeconds(5), 6, Duration.ofSeconds(1),
        Duration.ofSeconds(60), 1000);
  }
}
