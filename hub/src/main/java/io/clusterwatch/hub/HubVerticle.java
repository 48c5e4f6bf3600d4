package io.clusterwatch.hub;

import io.clusterwatch.hub.api.ApiRouter;
import io.clusterwatch.hub.auth.ExternalLogin;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.ingest.IngestHandler;
import io.clusterwatch.hub.live.LiveHandler;
import io.clusterwatch.hub.live.LivePublisher;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;

/**
 * One event loop's share of the hub: the HTTP server on the shared port with the API router, {@code
 * /ingest} for agents and {@code /live} for browsers. Several instances may run; they share {@link
 * HubServices}.
 */
public final class HubVerticle extends VerticleBase {
  /**
   * HTTP statuses for refused upgrades: unknown path, /live without a login (outside auth.mode
   * none), and /live at its client limit.
   */
  private static final int NOT_FOUND = 404;

  private static final int UNAUTHORIZED = 401;

  /** /ingest without the client certificate mutual TLS asks for. */
  private static final int FORBIDDEN = 403;

  private static final int UNAVAILABLE = 503;

  private final HubServices hub;
  private HttpServer server;
  private LivePublisher live;
  private ApiRouter api;

  /** The login method with routes of its own (oidc), shared by every instance; or null. */
  private final ExternalLogin externalLogin;

  public HubVerticle(HubServices hub, ExternalLogin externalLogin) {
    this.hub = hub;
    this.externalLogin = externalLogin;
  }

  @Override
  public Future<?> start() {
    HubConfig config = hub.config();
    IngestHandler ingest =
        new IngestHandler(
            vertx,
            config.ingest(),
            hub.store(),
            hub.agents(),
            hub.jobs(),
            hub.idle(),
            hub.meters(),
            hub.clock(),
            hub.log(),
            hub.credentials(),
            hub.tls() != null && hub.tls().clientCertificates());
    live = new LivePublisher(hub);
    live.start(vertx);
    LiveHandler liveHandler = new LiveHandler(hub, live);
    // Netty's own limits sit above the hub's so that an oversized message reaches the ingest
    // handler, which answers it with a JSON error instead of a bare close.
    int largest =
        Math.max(
            config.ingest().maxFrame().toIntExact(), config.ingest().maxTextMessage().toIntExact());
    int wireLimit = (int) Math.min(Integer.MAX_VALUE - 1L, 2L * largest + 65_536);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.server().bindHost())
            .setPort(config.server().port())
            .setMaxWebSocketFrameSize(wireLimit)
            .setMaxWebSocketMessageSize(wireLimit)
            // Server-wide in Vert.x: a browser on /live masks its frames all the same.
            .setAcceptUnmaskedFrames(config.ingest().unmaskedDataFrames());
    if (hub.tls() != null) {
      hub.tls().current().applyTo(options);
    }
    server =
        vertx
            .createHttpServer(options)
            .webSocketHandshakeHandler(h -> handshake(h, ingest, liveHandler))
            .webSocketHandler(ws -> route(ws, ingest, liveHandler))
            .requestHandler((api = new ApiRouter(hub, externalLogin)).create(vertx))
            .connectionHandler(
                connection -> {
                  hub.meters().httpConnectionOpened();
                  connection.closeHandler(v -> hub.meters().httpConnectionClosed());
                });
    if (hub.tls() != null) {
      hub.tls().serve(server);
    }
    return server.listen();
  }

  private static void handshake(
      ServerWebSocketHandshake h, IngestHandler ingest, LiveHandler live) {
    switch (h.path()) {
      case "/ingest":
        if (ingest.admits(h)) {
          h.accept();
        } else {
          h.reject(FORBIDDEN);
        }
        break;
      case "/live":
        if (live.viewer(h.headers(), h.remoteAddress()) == null) {
          h.reject(UNAUTHORIZED);
        } else if (live.tryOpen()) {
          h.accept().onFailure(e -> live.upgradeFailed());
        } else {
          h.reject(UNAVAILABLE);
        }
        break;
      default:
        h.reject(NOT_FOUND);
    }
  }

  private static void route(ServerWebSocket ws, IngestHandler ingest, LiveHandler live) {
    if ("/ingest".equals(ws.path())) {
      ingest.handle(ws);
    } else {
      live.handle(ws, live.viewer(ws.headers(), ws.remoteAddress()));
    }
  }

  /** The port the server listens on (the real one when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    live.stop(vertx);
    api.close();

    if (hub.tls() != null) {
      hub.tls().forget(server);
    }
    return server.close();
  }
}
