package io.clusterwatch.simulator;

import io.clusterwatch.simulator.connection.ConnectionSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code simulate N} runs.
 *
 * @param nodes number of synthetic nodes, each with its own hub connection
 * @param seed makes the cluster's jobs and readings reproducible
 * @param interval sampling interval of every node
 * @param connection the hub, token, resend buffer and reconnect settings every node uses
 * @param agentVersion sent in every hello
 */
public record SimulatorOptions(
    int nodes, long seed, Duration interval, ConnectionSettings connection, String agentVersion) {
  public static final long DEFAULT_SEED = 1;
  public static final int MAX_NODES = 10_000;

  public SimulatorOptions {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(connection, "connection");
    agentVersion = agentVersion == null ? "" : agentVersion;
    if (nodes < 1 || nodes > MAX_NODES) {
      throw new IllegalArgumentException(
          "N: expected a number of nodes from 1 to " + MAX_NODES + ", got " + nodes);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("--interval must be positive, got " + interval);
    }
  }
}
