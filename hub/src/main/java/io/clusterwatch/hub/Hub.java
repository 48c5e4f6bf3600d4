package io.clusterwatch.hub;

import io.clusterwatch.hub.auth.LoginWiring;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A running hub: its verticles deployed on a Vert.x instance. */
public final class Hub {
  private final Vertx vertx;
  private final String deploymentId;
  private final int port;

  private final HubServices services;

  private Hub(Vertx vertx, String deploymentId, int port, HubServices services) {
    this.vertx = vertx;
    this.services = services;
    this.deploymentId = deploymentId;
    this.port = port;
  }

  /** Deploys {@code server.instances} HTTP verticles sharing {@code services}. */
  public static Future<Hub> start(Vertx vertx, HubServices services) {
    List<HubVerticle> verticles = new CopyOnWriteArrayList<>();
    DeploymentOptions options =
        new DeploymentOptions().setInstances(services.config().server().instances());
    return LoginWiring.prepare(vertx, services.config().auth(), services.clock())
        .compose(
            externalLogin ->
                vertx.deployVerticle(
                    () -> {
                      HubVerticle v = new HubVerticle(services, externalLogin);
                      verticles.add(v);
                      return v;
                    },
                    options))
        .compose(id -> services.remoteWrite().start(vertx).map(id))
        .map(
            id -> {
              if (services.tls() != null) {
                services.tls().start(vertx);
              }
              services.credentials().start(vertx);
              return id;
            })
        .compose(id -> services.alerts().start(vertx).map(id))
        .map(id -> new Hub(vertx, id, verticles.get(0).actualPort(), services));
  }

  public int port() {
    return port;
  }

  /** Stops serving, then archives the jobs whose archiving is pending and closes the archive. */
  public Future<Void> stop() {
    if (services.tls() != null) {
      services.tls().stop();
    }
    services.credentials().stop(vertx);
    return services
        .alerts()
        .stop(vertx)
        .compose(v -> services.remoteWrite().stop(vertx))
        .compose(v -> vertx.undeploy(deploymentId))
        .compose(
            v ->
                vertx.executeBlocking(
                    () -> {
                      services.archive().close();
                      return null;
                    }));
  }
}
