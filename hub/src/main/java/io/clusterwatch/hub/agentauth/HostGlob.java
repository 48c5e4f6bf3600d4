package io.clusterwatch.hub.agentauth;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A host name pattern of a tokens file line: {@code *} stands for any run of characters, {@code ?}
 * for one; everything else is literal. Host names compare without regard to case (RFC 4343).
 */
public final class HostGlob {
  private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9_.*?-]{1,253}");

  private final String text;
  private final Pattern pattern;

  private HostGlob(String text, Pattern pattern) {
    this.text = text;
    this.pattern = pattern;
  }

  /**
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static HostGlob parse(String text) {
    if (!SYNTAX.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "host glob must be host name characters (letters, digits, '.', '-', '_') with * and ?,"
              + " got '"
              + text
              + "'");
    }
    StringBuilder regex = new StringBuilder();
    for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        case '.', '-' -> regex.append('\\').append(c);
        default -> regex.append(c);
      }
    }
    return new HostGlob(text, Pattern.compile(regex.toString()));
  }

  public boolean matches(String host) {
    return pattern.matcher(host.toLowerCase(Locale.ROOT)).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
