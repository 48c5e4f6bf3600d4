package io.clusterwatch.hub.report;

/** A report that cannot be made: the message is the one line printed on stderr. */
final class ReportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ReportException(String message) {
    super(message, null, false, false);
  }
}
