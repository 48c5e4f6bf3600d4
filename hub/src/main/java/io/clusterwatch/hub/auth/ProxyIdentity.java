package io.clusterwatch.hub.auth;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code auth.mode: proxy}: the user a trusted front end names in {@code auth.proxy.user_header},
 * with the comma-separated groups of {@code auth.proxy.groups_header}. The headers are believed
 * only when the TCP peer lies in {@code auth.proxy.trusted_proxies}; from anywhere else the request
 * is anonymous, whatever it carries.
 */
public final class ProxyIdentity implements RequestIdentity {
  private final ProxySettings settings;
  private final List<Cidr> trusted;

  public ProxyIdentity(ProxySettings settings) {
    this.settings = settings;
    this.trusted = settings.trustedBlocks();
  }

  @Override
  public Identity identify(MultiMap headers, SocketAddress peer) {
    if (!trusted(peer)) {
      return null;
    }
    String user = headers.get(settings.userHeader());
    if (user == null || user.isBlank()) {
      return null;
    }
    Set<String> groups = new LinkedHashSet<>();
    String list = settings.groupsHeader() == null ? null : headers.get(settings.groupsHeader());
    if (list != null) {
      for (String g : list.split(",", -1)) {
        if (!g.isBlank()) {
          groups.add(g.strip());
        }
      }
    }
    return new Identity(user.strip(), groups);
  }

  /** Whether {@code peer} is a trusted front end; a Unix socket peer or odd address is not. */
  boolean trusted(SocketAddress peer) {
    if (peer == null || peer.hostAddress() == null) {
      return false;
    }
    byte[] address;
    try {
      address = IpLiteral.parse(peer.hostAddress());
    } catch (IllegalArgumentException e) {
      return false;
    }
    for (Cidr c : trusted) {
      if (c.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
