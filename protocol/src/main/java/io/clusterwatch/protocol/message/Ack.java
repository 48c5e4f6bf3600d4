package io.clusterwatch.protocol.message;

/**
 * Cumulative acknowledgement, hub to agent: every frame up to and including {@code seq} is stored.
 */
public record Ack(@Required long seq) implements ControlMessage {
  public static final String TYPE = "ack";

  @Override
  public String type() {
    return TYPE;
  }
}
