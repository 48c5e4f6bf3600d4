package io.clusterwatch.hub.auth.oidc;

/**
 * The page a user returns to after logging in, kept to paths on this hub: anything else ({@code
 * https://elsewhere}, {@code //elsewhere}, {@code /\elsewhere} which browsers read as {@code
 * //elsewhere}) would make the login page an open redirect.
 */
final class ReturnPath {
  static final String HOME = "/";

  private ReturnPath() {}

  /** {@code requested} when it is a local path, else {@code /}. */
  static String local(String requested) {
    if (requested == null
        || requested.isEmpty()
        || requested.charAt(0) != '/'
        || requested.startsWith("//")
        || requested.startsWith("/\\")
        || requested.length() > 2048) {
      return HOME;
    }
    for (int i = 0; i < requested.length(); i++) {
      char c = requested.charAt(i);
      if (c < 0x21 || c == 0x7f || c == '\\') {
        return HOME;
      }
    }
    return requested;
  }
}
