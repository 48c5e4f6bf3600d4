package io.clusterwatch.agent.ship;

import io.clusterwatch.protocol.ProtocolVersion;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.message.Hello;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * What a {@link Shipper} needs to know.
 *
 * @param hubUri the hub's ingest WebSocket, e.g. {@code ws://hub:8080/ingest}
 * @param token shared ingest token sent in the hello, empty when none
 * @param host the node's host name
 * @param agentId stable id of this agent; sequence numbers never repeat within it
 * @param bootId kernel boot id, empty when unknown
 * @param interval sampling interval, announced in the hello
 * @param attributes static node facts for the hello (kernel, cpu model, ...)
 * @param bufferFrames most unacknowledged frames kept for resend (at least 1)
 * @param bufferBytes most bytes of unacknowledged frames kept for resend (at least 1)
 * @param backoffInitial first reconnect delay
 * @param backoffMax longest reconnect delay
 * @param connectTimeout how long a WebSocket connect, and then the wait for the welcome, may take
 * @param agentVersion the agent's version string for the hello
 * @param tls makes the TLS connections of {@code wss://} URLs: whom to trust, which certificate to
 *     present; null for the JDK's default (the system trust store, no client certificate)
 */
public record ShipperOptions(
    URI hubUri,
    String token,
    String host,
    String agentId,
    String bootId,
    Duration interval,
    Map<String, String> attributes,
    int bufferFrames,
    long bufferBytes,
    Duration backoffInitial,
    Duration backoffMax,
    Duration connectTimeout,
    String agentVersion,
    SSLSocketFactory tls) {
  public ShipperOptions {
    Objects.requireNonNull(hubUri, "hubUri");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(backoffInitial, "backoffInitial");
    Objects.requireNonNull(backoffMax, "backoffMax");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    token = token == null ? "" : token;
    bootId = bootId == null ? "" : bootId;
    agentVersion = agentVersion == null ? "" : agentVersion;
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    if (bufferFrames < 1) {
      throw new IllegalArgumentException("bufferFrames must be at least 1, got " + bufferFrames);
    }
    if (bufferBytes < 1) {
      throw new IllegalArgumentException("bufferBytes must be at least 1, got " + bufferBytes);
    }
    if (backoffInitial.isNegative() || backoffInitial.isZero()) {
      throw new IllegalArgumentException("backoffInitial must be positive");
    }
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException("backoffMax must not be shorter than backoffInitial");
    }
  }

  /** The hello that opens every connection, announcing {@code table} for the frames that follow. */
  Hello hello(long lastAckedSeq, SeriesTable table) {
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
