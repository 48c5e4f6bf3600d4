package io.clusterwatch.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.clusterwatch.protocol.SeriesTable;
import java.util.List;
import java.util.Map;

/**
 * First frame of every connection, agent to hub. On the wire the table is two fields of the
 * message, {@code schema_version} and {@code series}.
 *
 * @param protocol wire protocol version the agent speaks
 * @param host the node's host name
 * @param agentId stable id of this agent (survives restarts when configured; otherwise random)
 * @param bootId the kernel boot id (proc/sys/kernel/random/boot_id), empty when unknown
 * @param intervalMs sampling interval in milliseconds
 * @param token the shared ingest token, empty when none is configured
 * @param lastAckedSeq the highest sequence number the hub acknowledged to this agent, 0 when none
 * @param agentVersion the agent's version string
 * @param table the series table in force for the next data frames
 * @param attributes static facts about the node (kernel, cpu model, cpu count, ...), all strings
 */
public record Hello(
    int protocol,
    String host,
    String agentId,
    String bootId,
    long intervalMs,
    String token,
    long lastAckedSeq,
    String agentVersion,
    @JsonIgnore SeriesTable table,
    Map<String, String> attributes)
    implements ControlMessage, TableFields {
  public static final String TYPE = "hello";

  public Hello {
    attributes = Map.copyOf(attributes);
  }

  @JsonCreator
  static Hello fromWire(
      @Required @JsonProperty("protocol") int protocol,
      @Required @JsonProperty("host") String host,
      @Required @JsonProperty("agent_id") String agentId,
      @JsonProperty("boot_id") String bootId,
      @Required @JsonProperty("interval_ms") long intervalMs,
      @JsonProperty("token") String token,
      @JsonProperty("last_acked_seq") long lastAckedSeq,
      @JsonProperty("agent_version") String agentVersion,
      @Required @JsonProperty("schema_version") int schemaVersion,
      @Required @JsonProperty("series") List<WireSeries> series,
      @JsonProperty("attributes") Map<String, String> attributes) {
    return new Hello(
        protocol,
        host,
        agentId,
        bootId,
        intervalMs,
        token,
        lastAckedSeq,
        agentVersion,
        WireSeries.table(schemaVersion, series),
        attributes);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
