package io.clusterwatch.hub.archive;

/** The job archive cannot be opened, read or written; the message names the file and the cause. */
public final class ArchiveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ArchiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
