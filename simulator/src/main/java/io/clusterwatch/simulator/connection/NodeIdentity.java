package io.clusterwatch.simulator.connection;

import io.clusterwatch.protocol.ProtocolVersion;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.message.Hello;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Who one simulated node says it is in its hello.
 *
 * @param host the node's host name
 * @param agentId the node's agent id; sequence numbers never repeat within it
 * @param bootId the simulated boot id
 * @param interval sampling interval, announced in the hello
 * @param attributes static node facts (kernel, cpu model, ...)
 * @param agentVersion the version string for the hello
 */
public record NodeIdentity(
    String host,
    String agentId,
    String bootId,
    Duration interval,
    Map<String, String> attributes,
    String agentVersion) {
  public NodeIdentity {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(interval, "interval");
    bootId = bootId == null ? "" : bootId;
    agentVersion = agentVersion == null ? "" : agentVersion;
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** The hello that opens every connection, announcing {@code table} for the frames that follow. */
  Hello hello(String token, long lastAckedSeq, SeriesTable table) {
    return new Hello(
        ProtocolVersion.CURRENT,
        host,
        agentId,
        bootId,
        interval.toMillis(),
        token,
        lastAckedSeq,
        agentVersion,
        table,
        attributes);
  }
}
