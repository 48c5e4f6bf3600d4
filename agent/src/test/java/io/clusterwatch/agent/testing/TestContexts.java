package io.clusterwatch.agent.testing;

import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.host.HostPaths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Collector contexts for tests: fixed clock, given paths, a recording logger. */
public final class TestContexts {
  private TestContexts() {}

  public static CollectorContext context(HostPaths paths, System.Logger log) {
    return new CollectorContext(
        paths, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), "node01", log);
  }
}
