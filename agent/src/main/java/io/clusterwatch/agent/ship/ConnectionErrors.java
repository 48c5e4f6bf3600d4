package io.clusterwatch.agent.ship;

import java.util.concurrent.CompletionException;

/** One-line descriptions of why a hub connection failed, for the log. */
final class ConnectionErrors {
  private ConnectionErrors() {}

  /** The innermost useful message: wrappers without a message of their own are skipped. */
  static String describe(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof CompletionException)) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
