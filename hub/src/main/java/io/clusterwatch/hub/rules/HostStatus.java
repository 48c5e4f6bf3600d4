package io.clusterwatch.hub.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What the hub's ingest knows about each agent connection, beyond stored samples. */
public interface HostStatus {
  /** When the host's agent last sent a frame. */
  Optional<Instant> lastSeen(String host);

  /** The agent's sampling interval from its hello. */
  Duration sampleInterval(String host);

  /** GPUs in the host's latest frame. */
  int visibleGpuCount(String host);

  /**
   * The most GPUs {@link #visibleGpuCount} has counted for the host since the hub knows it; asks
   * for no new count (a rule that needs both counts the visible ones once).
   */
  int expectedGpuCount(String host);
}
