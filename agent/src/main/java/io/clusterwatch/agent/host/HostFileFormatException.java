package io.clusterwatch.agent.host;

import java.io.IOException;

/**
 * A procfs or sysfs file is present but its text is not what the kernel ABI promises. The message
 * names the file (and the line where there is one) and the offending text.
 */
public final class HostFileFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public HostFileFormatException(String message) {
    super(message);
  }

  public HostFileFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
