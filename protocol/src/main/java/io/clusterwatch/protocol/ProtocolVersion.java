package io.clusterwatch.protocol;

/** The wire protocol version this build speaks. */
public final class ProtocolVersion {
  public static final int CURRENT = 1;

  private ProtocolVersion() {}
}
