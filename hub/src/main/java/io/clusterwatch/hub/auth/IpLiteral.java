package io.clusterwatch.hub.auth;

/**
 * Parses an IP address written as a literal: IPv4 dotted quad ({@code 10.1.2.3}) or IPv6 in the
 * forms of RFC 4291 section 2.2 ({@code 2001:db8::1}, {@code ::ffff:10.1.2.3}), with an optional
 * zone ({@code fe80::1%eth0}, ignored). Never resolves a name: a host name is an error, so that a
 * trusted-proxy list cannot depend on DNS.
 */
final class IpLiteral {
  private IpLiteral() {}

  /**
   * @return 4 bytes for IPv4, 16 for IPv6
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  static byte[] parse(String text) {
    String s = text.strip();
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.indexOf(':') >= 0) {
      return ipv6(s, text);
    }
    byte[] v4 = ipv4(s);
    if (v4 == null) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
    }
    return v4;
  }

  /** Four decimal parts 0..255; null when {@code s} is not one. */
  private static byte[] ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  private static byte[] ipv6(String s, String text) {
    IllegalArgumentException bad =
        new IllegalArgumentException("'" + text + "' is not an IPv6 address");
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      throw bad;
    }
    String head = gap >= 0 ? s.substring(0, gap) : s;
    String tail = gap >= 0 ? s.substring(gap + 2) : "";
    byte[] front = groups(head, gap < 0, bad);
    byte[] back = groups(tail, true, bad);
    int given = front.length + back.length;
    if (gap < 0 ? given != 16 : given > 14) {
      throw bad;
    }
    byte[] out = new byte[16];
    System.arraycopy(front, 0, out, 0, front.length);
    System.arraycopy(back, 0, out, 16 - back.length, back.length);
    return out;
  }

  /**
   * The bytes of colon-separated hex groups; the last group of the address may be an IPv4 dotted
   * quad ({@code lastPart}: this is the part after {@code ::}, or the only part).
   */
  private static byte[] groups(String s, boolean lastPart, IllegalArgumentException bad) {
    if (s.isEmpty()) {
      return new byte[0];
    }
    String[] parts = s.split(":", -1);
    byte[] out = new byte[parts.length * 2 + 2];
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (lastPart && i == parts.length - 1 && p.indexOf('.') >= 0) {
        byte[] v4 = ipv4(p);
        if (v4 == null) {
          throw bad;
        }
        System.arraycopy(v4, 0, out, n, 4);
        n += 4;
        continue;
      }
      if (p.isEmpty() || p.length() > 4) {
        throw bad;
      }
      int v = 0;
      for (int k = 0; k < p.length(); k++) {
        int d = Character.digit(p.charAt(k), 16);
        if (d < 0) {
          throw bad;
        }
        v = v * 16 + d;
      }
      out[n++] = (byte) (v >> 8);
      out[n++] = (byte) v;
    }
    byte[] exact = new byte[n];
    System.arraycopy(out, 0, exact, 0, n);
    return exact;
  }
}
