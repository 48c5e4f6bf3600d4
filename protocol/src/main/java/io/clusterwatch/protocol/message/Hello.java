package io.clusterwatch.protocol.message;

import io.clusterwatch.protocol.SeriesTable;
import java.util.Map;

/**
 * First frame of every connection, agent to hub.
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
    SeriesTable table,
    Map<String, String> attributes)
    implements ControlMessage {
  public static final String TYPE = "hello";

  public Hello {
    attributes = Map.copyOf(attributes);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
