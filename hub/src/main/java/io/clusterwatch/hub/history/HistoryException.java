package io.clusterwatch.hub.history;

/**
 * The history database failed or answered something the hub cannot read; the message says which.
 */
public final class HistoryException extends RuntimeException {
  public HistoryException(String message) {
    super(message);
  }

  public HistoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
