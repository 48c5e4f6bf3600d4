package io.clusterwatch.hub.auth.oidc;

import io.vertx.ext.auth.oauth2.OAuth2Auth;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Re-reads the provider's keys when a token names a key id the hub has not seen: providers rotate
 * signing keys (Keycloak on an administrator's click). At most once per {@link #MIN_INTERVAL}, so
 * that tokens with made-up key ids cannot make the hub hammer the provider.
 */
final class KeyRefresh {
  static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

  private static final System.Logger LOG = System.getLogger(KeyRefresh.class.getName());

  private KeyRefresh() {}

  static void onUnknownKey(OAuth2Auth provider, Clock clock) {
    AtomicLong lastMs = new AtomicLong(Long.MIN_VALUE / 2);
    provider.missingKeyHandler(
        kid -> {
          long now = clock.millis();
          long last = lastMs.get();
          if (now - last < MIN_INTERVAL.toMillis() || !lastMs.compareAndSet(last, now)) {
            return;
          }
          LOG.log(
              System.Logger.Level.INFO, "OpenID provider key {0} unknown; reading jwks_uri", kid);
          provider
              .jWKSet()
              .onFailure(
                  e ->
                      LOG.log(
                          System.Logger.Level.WARNING,
                          "OpenID provider keys could not be read: " + e.getMessage()));
        });
  }
}
