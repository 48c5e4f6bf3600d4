package io.clusterwatch.hub.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A host whose agent samples every {@code interval} and has always shown {@code gpus} GPUs; no
 * last-seen time, so the rules that judge stored samples run without the staleness rules' input.
 */
record FixedHostStatus(Duration interval, int gpus) implements HostStatus {
  @Override
  public Optional<Instant> lastSeen(String host) {
    return Optional.empty();
  }

  @Override
  public Duration sampleInterval(String host) {
    return interval;
  }

  @Override
  public int visibleGpuCount(String host) {
    return gpus;
  }

  @Override
  public int expectedGpuCount(String host) {
    return gpus;
  }
}
