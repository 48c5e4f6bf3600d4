package io.clusterwatch.hub.tls;

import io.clusterwatch.hub.TlsSettings;
import io.clusterwatch.hub.reload.FileReloader;
import io.clusterwatch.hub.reload.ReloadMeters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.ServerSSLOptions;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * TLS of the hub's port: the material in force, and its renewal. When the files change, every
 * server is given the new certificate; connections made from then on see it, open ones keep theirs.
 */
public final class ServerTls {
  private static final System.Logger LOG = System.getLogger(ServerTls.class.getName());

  /** How long the servers may take to take up a renewed certificate. */
  private static final long UPDATE_S = 30;

  private final TlsSettings settings;
  private final FileReloader<TlsMaterial> reloader;
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private volatile TlsMaterial current;
  private Vertx vertx;

  private ServerTls(TlsSettings settings, TlsMaterial initial, ReloadMeters meters) {
    this.settings = settings;
    this.current = initial;
    this.reloader =
        new FileReloader<>(
            "tls",
            TlsMaterial.files(settings),
            () -> serve(TlsMaterial.load(settings)),
            m -> current = m,
            meters);
  }

  /**
   * Reads the files of {@code settings}.
   *
   * @throws io.clusterwatch.common.config.ConfigException naming the file that cannot be used
   */
  public static ServerTls load(TlsSettings settings, ReloadMeters meters) {
    return new ServerTls(settings, TlsMaterial.load(settings), meters);
  }

  public TlsMaterial current() {
    return current;
  }

  /** True when /ingest needs a client certificate naming the host its agent claims. */
  public boolean clientCertificates() {
    return settings.clientCertificates();
  }

  /** The watch on the files, for tests that await a renewal. */
  public FileReloader<TlsMaterial> reloads() {
    return reloader;
  }

  /** Gives renewed certificates to {@code server} from now on. */
  public void serve(HttpServer server) {
    servers.add(server);
  }

  public void forget(HttpServer server) {
    servers.remove(server);
  }

  /** Starts watching the files. */
  public void start(Vertx vertx) {
    this.vertx = vertx;
    reloader.start(vertx, settings.checkInterval());
  }

  public void stop() {
    if (vertx != null) {
      reloader.stop(vertx);
    }
  }

  /**
   * Hands {@code material} to every server and waits until they use it, so that a reload counted as
   * done is one that new connections see. Runs on a worker thread.
   */
  private TlsMaterial serve(TlsMaterial material) {
    ServerSSLOptions options = material.sslOptions();
    List<Future<Boolean>> updates =
        servers.stream().map(s -> s.updateSSLOptions(options, true)).toList();
    try {
      // A worker thread may block (Future.await may not on a Vert.x worker).
      Future.all(updates).toCompletionStage().toCompletableFuture().get(UPDATE_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing the new certificate", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the servers refused the new certificate: " + e, e);
    }
    LOG.log(
        Level.INFO,
        "serving the renewed certificate "
            + material.certificate().getSubjectX500Principal().getName()
            + ", valid until "
            + material.certificate().getNotAfter().toInstant());
    return material;
  }
}
