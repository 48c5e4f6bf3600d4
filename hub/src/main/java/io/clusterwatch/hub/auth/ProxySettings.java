package io.clusterwatch.hub.auth;

import io.clusterwatch.common.config.ConfigException;
import java.util.List;
import java.util.Objects;

/**
 * {@code auth.proxy}: a trusted front end has authenticated the user and names them in a header.
 *
 * @param userHeader the header with the login name ({@code user_header}, default X-Remote-User)
 * @param groupsHeader the header with the user's groups, comma-separated ({@code groups_header},
 *     default none)
 * @param trustedProxies addresses (CIDRs) whose headers are believed ({@code trusted_proxies},
 *     default none); the same headers from anywhere else are ignored
 */
public record ProxySettings(String userHeader, String groupsHeader, List<String> trustedProxies) {
  public ProxySettings {
    userHeader = Objects.requireNonNullElse(userHeader, "X-Remote-User");
    trustedProxies = List.copyOf(Objects.requireNonNullElse(trustedProxies, List.of()));
    if (userHeader.isBlank()) {
      throw new ConfigException("user_header", "must name a header");
    }
    for (String block : trustedProxies) {
      try {
        Cidr.parse(block);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("trusted_proxies", e.getMessage());
      }
    }
  }

  /** The parsed {@code trusted_proxies}. */
  public List<Cidr> trustedBlocks() {
    return trustedProxies.stream().map(Cidr::parse).toList();
  }

  public static ProxySettings defaults() {
    return new ProxySettings(null, null, null);
  }
}
