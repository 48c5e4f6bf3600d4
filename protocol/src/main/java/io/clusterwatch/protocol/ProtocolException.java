package io.clusterwatch.protocol;

/** Input that breaks wire protocol v1. The code is sent to the peer in the error frame. */
public final class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public ProtocolException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** A short machine-readable reason, for example {@code bad_frame_length}. */
  public String code() {
    return code;
  }
}
