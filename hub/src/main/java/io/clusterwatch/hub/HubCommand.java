package io.clusterwatch.hub;

import io.clusterwatch.common.cli.Commands;
import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.config.FlagOverrides;
import io.clusterwatch.hub.archive.ArchiveException;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.datadir.DataDirectoryException;
import io.clusterwatch.hub.metrics.HubVertx;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clusterwatch-hub}: flags over the YAML file over the defaults, then the running hub until
 * the JVM is stopped. Exit status 2 for a bad flag or configuration key, 1 when the hub cannot
 * start.
 */
@Command(
    name = "clusterwatch-hub",
    sortOptions = false,
    description =
        "Receives the agents' metrics, keeps them, evaluates the alert rules and serves the "
            + "dashboard, the HTTP API, /live and /metrics on one port.")
final class HubCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML configuration (every key documented in config/hub.yaml).")
  Path config;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description =
          "Port for HTTP, /ingest, /live and /metrics; 0 picks a free one (server.port; default 8080).")
  Integer port;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Data directory: write-ahead log, kept across restarts (store.path; without either "
              + "the hub keeps data in memory only).")
  String data;

  @Option(
      names = "--print-heap",
      description =
          "Print the heap the launcher gives this configuration (-Xmx: store.memory_budget plus "
              + "256 MiB) and exit.")
  boolean printHeap;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  HubCommand(Clock clock, PrintStream out, PrintStream err) {
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  /** Every flag as the configuration key it stands for. */
  FlagOverrides overrides() {
    FlagOverrides o = new FlagOverrides();
    if (port != null) {
      o.set("--port", "server.port", port);
    }
    if (data != null) {
      o.set("--data", "store.path", data);
    }
    return o;
  }

  /** The configuration: defaults, the file, then the flags. */
  HubConfig configuration() {
    HubConfigReader reader = new HubConfigReader();
    FlagOverrides flags = overrides();
    String source = config == null ? "command line" : config.toString();
    try {
      return reader.bind(flags.applyTo(reader.tree(config)), source);
    } catch (ConfigException e) {
      throw flags.attribute(e);
    }
  }

  @Override
  public Integer call() {
    HubConfig hubConfig = configuration();
    if (printHeap) {
      out.println(HeapSize.xmx(hubConfig.store()));
      return 0;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DurableStore durable;
    try {
      durable = DurableStore.open(hubConfig);
    } catch (DataDirectoryException e) {
      err.println("clusterwatch-hub: " + e.getMessage());
      return 1;
    }
    Vertx vertx =
        HubVertx.create(
            registry,
            HubVertx.options(
                Runtime.getRuntime().availableProcessors(), hubConfig.server().instances()));
    HubServices services;
    try {
      services =
          HubServices.create(
              hubConfig,
              clock,
              durable.openStore(HubMain.storeConfig(hubConfig)),
              registry,
              durable.log());
      durable.replay(services, registry);
      durable.registerMeters(registry);
    } catch (ConfigException e) {
      // a file the configuration names (TLS, tokens) cannot be used: exit 2 naming its key
      durable.close();
      vertx.close();
      throw e;
    } catch (IllegalArgumentException e) {
      err.println("clusterwatch-hub: configuration: " + e.getMessage());
      durable.close();
      vertx.close();
      return Commands.USAGE;
    } catch (DataDirectoryException e) {
      err.println("clusterwatch-hub: " + e.getMessage());
      durable.close();
      vertx.close();
      return 1;
    } catch (ArchiveException e) {
      err.println("clusterwatch-hub: job archive: " + e.getMessage());
      durable.close();
      vertx.close();
      return 1;
    }
    try {
      Hub hub = Hub.start(vertx, services).await();
      String bindHost = hubConfig.server().bindHost();
      String host = bindHost.equals("0.0.0.0") ? "localhost" : bindHost;
      String scheme = hubConfig.server().tls() == null ? "http" : "https";
      out.println(
          "clusterwatch hub listening on " + scheme + "://" + host + ":" + hub.port() + "/");
    } catch (Exception e) {
      err.println("clusterwatch-hub: cannot start: " + e.getMessage());
      durable.close();
      vertx.close();
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    vertx.close().await();
                  } catch (Exception e) {
                    // shutting down anyway
                  }
                  durable.close();
                  // Jobs that finished in the last seconds are archived before the process ends.
                  services.archive().close();
                },
                "hub-shutdown"));
    return 0;
  }
}
