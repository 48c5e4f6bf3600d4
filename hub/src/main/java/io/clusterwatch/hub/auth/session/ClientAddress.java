package io.clusterwatch.hub.auth.session;

import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The address a login is counted against: an IPv4 address as it is, an IPv6 address by its /64 (one
 * end site gets a whole /64 and could otherwise change address for every guess).
 */
public final class ClientAddress {
  private static final int IPV6_PREFIX_BYTES = 8;

  private ClientAddress() {}

  public static String of(SocketAddress peer) {
    if (peer == null) {
      return "unknown";
    }
    String host = peer.hostAddress();
    if (host == null) {
      return "unknown";
    }
    if (host.indexOf(':') < 0) {
      return host;
    }
    try {
      // a literal: no name lookup happens
      byte[] bytes = InetAddress.getByName(host).getAddress();
      if (bytes.length != 16) {
        return host;
      }
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
        prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
        prefix.append(':');
      }
      return prefix.append(":/64").toString();
    } catch (UnknownHostException e) {
      return host;
    }
  }
}
