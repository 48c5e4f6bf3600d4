package io.clusterwatch.hub.auth;

import io.clusterwatch.hub.metrics.BearerToken;
import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Who is asking, for the API, /live and /metrics alike: in {@code auth.mode: none} everyone is the
 * full {@link Viewer#everyone() viewer}; otherwise the login method names the person and {@code
 * roles:} gives their role, and a request it cannot name is anonymous.
 */
public final class AccessControl {
  private final AuthSettings.Mode mode;
  private final RequestIdentity identity;
  private final Roles roles;
  private final BearerToken metricsToken;

  /**
   * @param mode {@code auth.mode}
   * @param identity the login method; null in mode none
   * @param metricsToken the token that opens /metrics to a scraper; null for none
   */
  public AccessControl(
      AuthSettings.Mode mode,
      RequestIdentity identity,
      RolesSettings roles,
      BearerToken metricsToken) {
    if ((mode == AuthSettings.Mode.NONE) != (identity == null)) {
      throw new IllegalArgumentException("mode none, and only mode none, has no login method");
    }
    this.mode = mode;
    this.identity = identity;
    this.roles = new Roles(roles);
    this.metricsToken = metricsToken;
  }

  /** Mode none: everyone sees everything. */
  public boolean open() {
    return identity == null;
  }

  /** {@code auth.mode}: how a person logs in. */
  public AuthSettings.Mode mode() {
    return mode;
  }

  /** The viewer who sent a request; null when it is anonymous (only outside mode none). */
  public Viewer viewer(MultiMap headers, SocketAddress peer) {
    if (identity == null) {
      return Viewer.everyone();
    }
    Identity who = identity.identify(headers, peer);
    return who == null ? null : roles.of(who);
  }

  /** /metrics: open in mode none; else the bearer token or an operator. */
  public boolean mayReadMetrics(MultiMap headers, SocketAddress peer) {
    if (open()) {
      return true;
    }
    if (metricsToken != null && metricsToken.matches(headers.get("Authorization"))) {
      return true;
    }
    Viewer v = viewer(headers, peer);
    return v != null && v.seesAll();
  }

  /**
   * The warning to log at start when a hub without logins listens beyond this machine.
   *
   * @param bindHost {@code server.bind_host}
   */
  public Optional<String> openWarning(String bindHost) {
    if (!open() || loopback(bindHost)) {
      return Optional.empty();
    }
    return Optional.of(
        "auth.mode is none and the hub listens on "
            + bindHost
            + ": anyone who reaches the port sees every job of every user; see README.md,"
            + " \"Logins and roles\"");
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
