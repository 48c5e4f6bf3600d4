package io.clusterwatch.protocol.message;

/** Hub to agent, just before the hub closes the connection: why. */
public record ErrorMessage(@Required String code, String message) implements ControlMessage {
  public static final String TYPE = "error";

  @Override
  public String type() {
    return TYPE;
  }
}
