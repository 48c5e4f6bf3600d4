package io.clusterwatch.hub.auth.session;

/**
 * Where a login may send the browser afterwards: a path on this hub only. Anything else would make
 * the login page an open redirect (a link to the real hub's login that lands on a look-alike).
 */
public final class LocalPath {
  /** Where the browser goes when the requested place is missing or refused. */
  public static final String HOME = "/";

  private LocalPath() {}

  /**
   * {@code returnTo} when it is a path on this hub, else {@link #HOME}. Refused: anything not
   * starting with one {@code /} ({@code https://x}, {@code //x} is another host), backslashes
   * (browsers read {@code /\x} as {@code //x}), and anything but printable ASCII: control
   * characters would split the Location header, and browsers drop tabs and newlines from URLs, so
   * {@code /<tab>/x} would become {@code //x}; a real path has its other characters
   * percent-encoded.
   */
  public static String orHome(String returnTo) {
    if (returnTo == null || returnTo.isEmpty() || returnTo.length() > 2048) {
      return HOME;
    }
    if (returnTo.charAt(0) != '/' || (returnTo.length() > 1 && returnTo.charAt(1) == '/')) {
      return HOME;
    }
    for (int i = 0; i < returnTo.length(); i++) {
      char c = returnTo.charAt(i);
      if (c == '\\' || c <= ' ' || c > '~') {
        return HOME;
      }
    }
    return returnTo;
  }
}
