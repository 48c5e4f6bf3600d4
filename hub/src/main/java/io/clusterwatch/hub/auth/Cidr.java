package io.clusterwatch.hub.auth;

import java.util.Arrays;

/**
 * An address block such as {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or one address ({@code
 * 127.0.0.1}, same as {@code /32} or {@code /128}). An IPv4 block also holds the IPv4-mapped IPv6
 * form of its addresses ({@code ::ffff:10.1.2.3}), which a dual-stack listener may report.
 *
 * @param network the block's address bytes with the host bits cleared (4 or 16)
 * @param prefix how many leading bits are fixed
 */
public record Cidr(byte[] network, int prefix) {
  /**
   * Parses {@code ADDRESS[/PREFIX]}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    byte[] address = IpLiteral.parse(slash < 0 ? text : text.substring(0, slash));
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = text.substring(slash + 1).strip();
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException("'" + text + "' has no prefix length after the /");
      }
      prefix = Integer.parseInt(p);
      if (prefix > bits) {
        throw new IllegalArgumentException(
            "'" + text + "': the prefix length is at most " + bits + " for this address");
      }
    }
    return new Cidr(mask(address, prefix), prefix);
  }

  /** Whether {@code address} (4 or 16 bytes) lies in this block. */
  public boolean contains(byte[] address) {
    byte[] a = address;
    if (network.length == 4 && a.length == 16 && mappedIpv4(a)) {
      a = Arrays.copyOfRange(a, 12, 16);
    }
    if (a.length != network.length) {
      return false;
    }
    return Arrays.equals(mask(a, prefix), network);
  }

  /** {@code ::ffff:a.b.c.d}. */
  private static boolean mappedIpv4(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - keep)));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefix;
  }

  @Override
  public String toString() {
    return Arrays.toString(network) + "/" + prefix;
  }
}
