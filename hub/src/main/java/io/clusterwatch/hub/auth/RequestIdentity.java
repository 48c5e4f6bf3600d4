package io.clusterwatch.hub.auth;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;

/**
 * Finds who sent a request from its headers and the address it came from: a session cookie, or a
 * trusted proxy's user header. Works alike for HTTP requests and for WebSocket upgrades, so that
 * the API and {@code /live} decide the same way.
 */
public interface RequestIdentity {
  /**
   * @param headers the request's headers (cookies included)
   * @param peer the TCP peer: the proxy itself when there is one
   * @return who sent the request, or null when it carries no identity this method believes
   */
  Identity identify(MultiMap headers, SocketAddress peer);
}
