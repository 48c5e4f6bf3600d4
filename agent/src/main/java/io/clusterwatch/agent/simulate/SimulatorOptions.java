package io.clusterwatch.agent.simulate;

import io.clusterwatch.agent.ship.HubSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code agent --simulate N} runs.
 *
 * @param nodes number of synthetic nodes, each with its own hub connection
 * @param seed makes the cluster's jobs and readings reproducible
 * @param hubUri the hub's ingest WebSocket
 * @param token shared ingest token, empty when none
 * @param interval sampling interval of every node
 * @param hub buffer, backoff and connect settings, shared by the nodes' shippers
 * @param agentVersion sent in every hello
 */
public record SimulatorOptions(
    int nodes, long seed, URI hubUri, String token, Duration interval, HubSettings hub,
    String agentVersion) {
  public static final long DEFAULT_SEED = 1;

  public SimulatorOptions {
    Objects.requireNonNull(hubUri, "hubUri");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(hub, "hub");
    token = token == null ? "" : token;
    agentVersion = agentVersion == null ? "" : agentVersion;
    if (nodes < 1) {
      throw new IllegalArgumentException("--simulate needs at least 1 node, got " + nodes);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("--interval must be positive, got " + interval);
    }
  }
}
