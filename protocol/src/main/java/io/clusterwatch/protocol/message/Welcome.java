package io.clusterwatch.protocol.message;

/**
 * The hub's answer to a valid hello. {@code lastSeq} is the highest sequence number the hub has
 * stored for this agent id (0 when none): the agent resends buffered frames after it and drops the
 * rest.
 */
public record Welcome(@Required long lastSeq, long serverTimeMs) implements ControlMessage {
  public static final String TYPE = "welcome";

  @Override
  public String type() {
    return TYPE;
  }
}
