package io.clusterwatch.hub.auth.ldap;

/**
 * Escapes a login name before it goes into a DN or a search filter, so that a name such as {@code
 * *)(uid=*} or {@code alice,ou=admins} is looked up as the literal text it is.
 */
public final class LdapEscape {
  private LdapEscape() {}

  /**
   * An attribute value in a DN, RFC 4514 section 2.4: a backslash before {@code " + , ; < > \} and
   * {@code =}, before a leading space or {@code #} and a trailing space; NUL as {@code \00}.
   */
  public static String dnValue(String value) {
    StringBuilder b = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean edgeSpace = c == ' ' && (i == 0 || i == value.length() - 1);
      if (c == '\0') {
        b.append("\\00");
      } else if ("\"+,;<>\\=".indexOf(c) >= 0 || edgeSpace || (c == '#' && i == 0)) {
        b.append('\\').append(c);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * An assertion value in a search filter, RFC 4515 section 3: {@code * ( ) \} and NUL as a
   * backslash and two hex digits.
   */
  public static String filterValue(String value) {
    StringBuilder b = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '*' -> b.append("\\2a");
        case '(' -> b.append("\\28");
        case ')' -> b.append("\\29");
        case '\\' -> b.append("\\5c");
        case '\0' -> b.append("\\00");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
