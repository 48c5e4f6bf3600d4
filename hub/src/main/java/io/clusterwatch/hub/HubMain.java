package io.clusterwatch.hub;

import io.clusterwatch.hub.config.ConfigException;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigLoader;
import io.clusterwatch.hub.datadir.DataDirectoryException;
import io.clusterwatch.hub.metrics.HubVertx;
import io.clusterwatch.hub.store.RollupTierConfig;
import io.clusterwatch.hub.store.StoreConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Starts the hub: {@code hub [--config FILE] [--port P] [--help]}. Exit status 2 for bad arguments
 * or configuration, 1 when the server cannot start.
 */
public final class HubMain {
  static final String USAGE = String.join("\n",
      "usage: hub [--config FILE] [--port P] [--data DIR] [--help]",
      "  --config FILE  hub configuration (YAML; every key documented in config/hub.yaml)",
      "  --port P       port for HTTP, /ingest, /live and /metrics (default 8080; overrides",
      "                 server.port)",
      "  --data DIR     data directory: write-ahead log, kept across restarts (overrides",
      "                 store.path; without either the hub keeps data in memory only)",
      "  --help         this text");

  private HubMain() {}

  /** Parsed command line. */
  record Arguments(Path config, Integer port, String data, boolean help) {}

  static Arguments parse(String[] args) {
    Path config = null;
    Integer port = null;
    String data = null;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help":
        case "-h":
          help = true;
          break;
        case "--config":
          config = Path.of(value(args, ++i, "--config"));
          break;
        case "--port":
          String p = value(args, ++i, "--port");
          try {
            port = Integer.parseInt(p);
          } catch (NumberFormatException e) {
            throw new ConfigException("--port must be a number, got '" + p + "'");
          }
          if (port < 0 || port > 65535) {
            throw new ConfigException("--port must be between 0 and 65535, got " + port);
          }
          break;
        case "--data":
          data = value(args, ++i, "--data");
          if (data.isBlank()) {
            throw new ConfigException("--data needs a directory");
          }
          break;
        default:
          throw new ConfigException("unknown argument '" + args[i] + "'");
      }
    }
    return new Arguments(config, port, data, help);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new ConfigException(flag + " needs a value");
    }
    return args[i];
  }

  /** The effective configuration: the file (or defaults), then the command line. */
  static HubConfig config(Arguments a) {
    HubConfig config = a.config() == null ? HubConfig.defaults() : new HubConfigLoader().load(a.config());
    config = a.data() == null ? config : config.withDataPath(a.data());
    return a.port() == null ? config : config.withPort(a.port());
  }

  /** The store's shape from the configuration. */
  public static StoreConfig storeConfig(HubConfig config) {
    HubConfig.StoreSettings s = config.store();
    return new StoreConfig(
        s.rawStepMs(),
        s.rawRetentionSeconds() * 1000,
        List.of(
            new RollupTierConfig(10_000, s.rollup10sRetentionSeconds() * 1000),
            new RollupTierConfig(60_000, s.rollup60sRetentionSeconds() * 1000)),
        config.ingest().maxSeriesPerAgent())
        .withSealing(StoreConfig.DEFAULT_BLOCK_MS, s.memoryBudgetBytes(), StoreConfig.DEFAULT_SEAL_GRACE_MS);
  }

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
    // On success the event-loop threads keep the process alive until it is stopped.
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    HubConfig config;
    try {
      Arguments a = parse(args);
      if (a.help()) {
        out.println(USAGE);
        return 0;
      }
      config = config(a);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("hub: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Clock clock = Clock.systemUTC();
    DurableStore durable;
    try {
      durable = DurableStore.open(config);
    } catch (DataDirectoryException e) {
      err.println("hub: " + e.getMessage());
      return 1;
    }
    Vertx vertx = HubVertx.create(registry);
    HubServices services;
    try {
      services = HubServices.create(config, clock, durable.openStore(storeConfig(config)), registry,
          durable.log());
      durable.replay(services, registry);
      durable.registerMeters(registry);
    } catch (IllegalArgumentException e) {
      err.println("hub: configuration: " + e.getMessage());
      durable.close();
      vertx.close();
      return 2;
    } catch (DataDirectoryException e) {
      err.println("hub: " + e.getMessage());
      durable.close();
      vertx.close();
      return 1;
    }
    try {
      Hub hub = Hub.start(vertx, services).await();
      String host = config.server().bindHost().equals("0.0.0.0") ? "localhost" : config.server().bindHost();
      out.println("clusterwatch hub listening on http://" + host + ":" + hub.port() + "/");
    } catch (Exception e) {
      err.println("hub: cannot start: " + e.getMessage());
      durable.close();
      vertx.close();
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().await();
      } catch (Exception e) {
        // shutting down anyway
      }
      durable.close();
    }, "hub-shutdown"));
    return 0;
  }
}
