package io.clusterwatch.hub.auth.session;

import io.clusterwatch.hub.auth.Identity;
import io.clusterwatch.hub.auth.RequestIdentity;
import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;

/**
 * Who sent a request, by its session cookie: the same for API requests and {@code /live} upgrades,
 * since both carry the browser's cookies. The peer address plays no part.
 */
public final class SessionIdentity implements RequestIdentity {
  private final SessionTable sessions;

  public SessionIdentity(SessionTable sessions) {
    this.sessions = sessions;
  }

  @Override
  public Identity identify(MultiMap headers, SocketAddress peer) {
    return sessions.find(SessionCookie.read(headers));
  }
}
