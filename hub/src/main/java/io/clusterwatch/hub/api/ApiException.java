package io.clusterwatch.hub.api;

/** A request the API refuses, with the HTTP status and a message for the JSON error body. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
