package io.clusterwatch.protocol.message;

/**
 * The hub's answer to a valid hello. {@code lastSeq} is the highest sequence number the hub has
 * stored for this agent id (0 when none): the agent resends buffered frames after it and drops the
 * rest.
 *
 * @param unmaskedData the hub reads binary data frames that are not masked: the agent may send them
 *     so, sparing both ends the masking pass (protocol/README.md, "Masking"); false when absent, as
 *     from a hub that predates the field
 */
public record Welcome(@Required long lastSeq, long serverTimeMs, boolean unmaskedData)
    implements ControlMessage {
  public static final String TYPE = "welcome";

  @Override
  public String type() {
    return TYPE;
  }
}
