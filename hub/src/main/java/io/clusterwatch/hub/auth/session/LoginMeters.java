package io.clusterwatch.hub.auth.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Login outcomes in /metrics: {@code clusterwatch_hub_auth_logins_total{result="ok"}}, {@code
 * "failed"} (wrong name or password, or a refused external login) and {@code "limited"} (refused by
 * the per-address limit without asking the directory).
 */
public final class LoginMeters {
  private final Counter ok;
  private final Counter failed;
  private final Counter limited;

  public LoginMeters(MeterRegistry registry) {
    ok = counter(registry, "ok");
    failed = counter(registry, "failed");
    limited = counter(registry, "limited");
  }

  private static Counter counter(MeterRegistry registry, String result) {
    return Counter.builder("clusterwatch.hub.auth.logins")
        .description("Login attempts by result: ok, failed, limited (too many failures)")
        .tag("result", result)
        .register(registry);
  }

  public void ok() {
    ok.increment();
  }

  public void failed() {
    failed.increment();
  }

  public void limited() {
    limited.increment();
  }
}
