package io.clusterwatch.agent.exec;

import java.io.IOException;

/**
 * A command ran past its time limit and was killed; callers that can wait for the next try catch
 * it.
 */
public final class CommandTimeoutException extends IOException {
  public CommandTimeoutException(String message) {
    super(message);
  }
}
