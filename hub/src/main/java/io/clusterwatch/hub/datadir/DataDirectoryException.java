package io.clusterwatch.hub.datadir;

/** The data directory cannot be used; the message is one line naming the directory and why. */
public final class DataDirectoryException extends RuntimeException {
  public DataDirectoryException(String message) {
    super(message);
  }

  public DataDirectoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
