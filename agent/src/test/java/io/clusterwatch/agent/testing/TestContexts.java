package io.clusterwatch.agent.testing;

import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.config.AgentConfig;
import io.clusterwatch.agent.host.HostPaths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Collector contexts for tests: fixed clock, given paths and config, a recording logger. */
public final class TestContexts {
  private TestContexts() {}

  public static CollectorContext context(HostPaths paths, AgentConfig config, System.Logger log) {
    return new CollectorContext(
        paths, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), "node01", config, log);
  }

  public static CollectorContext context(HostPaths paths, RecordingLogger log) {
    return context(paths, AgentConfig.defaults(), log);
  }
}
