package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.DurableStore;
import io.clusterwatch.hub.Hub;
import io.clusterwatch.hub.HubMain;
import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.remotewrite.RemoteWriteSettings;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.message.Welcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Remote write through a database outage, with a data directory: {@code nodes} synthetic 200-series
 * nodes stream {@code minutes} minutes of 1 Hz frames (fast-forwarded: sent as fast as the hub
 * takes them) over real WebSockets while the receiver answers 503; then the receiver accepts and
 * the backlog drains from the write-ahead log.
 *
 * <p>Reports per minute of data: the remote write queue's pending samples (memory), the live heap
 * after a full GC, and the log on disk; at the end of the outage the class histogram lines of the
 * remote write queue; then the drain: samples/s forwarded and process CPU per forwarded sample (the
 * receiver, in the same process, only counts bytes and answers 204).
 *
 * <p>Run: {@code java -cp ... io.clusterwatch.hub.bench.RemoteWriteOutageBenchmark [nodes]
 * [minutes]}
 */
public final class RemoteWriteOutageBenchmark {
  private RemoteWriteOutageBenchmark() {}

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path data = Files.createTempDirectory("rw-outage");
    Vertx vertx = Vertx.vertx();
    int[] status = {503};
    long[] requests = new long[2];
    HttpServer receiver =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b -> {
                              requests[status[0] / 100 == 2 ? 0 : 1]++;
                              req.response().setStatusCode(status[0]).end();
                            }))
            .listen(0, "127.0.0.1")
            .await();
    RemoteWriteSettings endpoint =
        new RemoteWriteSettings(
            "http://127.0.0.1:" + receiver.actualPort() + "/api/v1/write",
            "bench",
            null,
            null,
            null,
            null,
            null,
            null,
            Map.of("cluster", "bench"));
    HubConfig config =
        HubConfig.defaults()
            .withPort(0)
            .withDataPath(data.toString())
            .withRemoteWrite(List.of(endpoint));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DurableStore durable = DurableStore.open(config);
    HubServices services =
        HubServices.create(
            config,
            Clock.systemUTC(),
            durable.openStore(HubMain.storeConfig(config)),
            registry,
            durable.log());
    durable.replay(services, registry);
    Hub hub = Hub.start(vertx, services).await();

    Vertx agentsVertx = Vertx.vertx();
    List<TestAgent> agents = new ArrayList<>();
    List<SyntheticNode> tables = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      SyntheticNode node = new SyntheticNode(n);
      TestAgent a = TestAgent.connect(agentsVertx, hub.port());
      a.send(TestAgent.hello("node-" + n, "agent-" + n, node.table, 0));
      a.next(Welcome.class);
      agents.add(a);
      tables.add(node);
    }
    long ticks = minutes * 60L;
    long t0 = System.currentTimeMillis() - ticks * 1000;
    System.out.printf(
        "%d nodes x %d series, %d minutes of data at 1 Hz, receiver answering 503%n",
        nodes, SyntheticNode.SERIES, minutes);
    System.out.println("minute | samples stored | pending | heap after GC MB | log on disk MB");
    for (long t = 1; t <= ticks; t++) {
      for (int n = 0; n < nodes; n++) {
        agents.get(n).sendBinary(frame(tables.get(n), t, t0 + t * 1000));
      }
      if (t % 60 == 0) {
        for (TestAgent a : agents) {
          a.awaitAck(t);
        }
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(
            "%d | %d | %.0f | %.0f | %.1f%n",
            t / 60,
            t * nodes * SyntheticNode.SERIES,
            meter(registry, "prometheus_remote_storage_samples_pending"),
            heap / 1e6,
            bytes(data.resolve("wal")) / 1e6);
      }
    }
    System.out.println("refused requests so far: " + requests[1]);
    histogram();

    long total = ticks * nodes * SyntheticNode.SERIES;
    long cpu0 = processCpuNs();
    long wall0 = System.nanoTime();
    status[0] = 204;
    while (meter(registry, "prometheus_remote_storage_samples") < total) {
      Thread.sleep(50); // a benchmark's progress poll, not a test waiting on a result
    }
    double wallS = (System.nanoTime() - wall0) / 1e9;
    double cpuS = (processCpuNs() - cpu0) / 1e9;
    System.out.printf(
        "drain: %d samples in %.1f s wall, %.1f s process CPU: %.0f samples/s, %.0f samples per"
            + " CPU-second (%.2f us CPU per sample), %d requests, dropped %.0f%n",
        total,
        wallS,
        cpuS,
        total / wallS,
        total / cpuS,
        cpuS * 1e6 / total,
        requests[0],
        meter(registry, "prometheus_remote_storage_samples_dropped"));
    for (TestAgent a : agents) {
      a.close();
    }
    hub.stop().await();
    durable.close();
    agentsVertx.close().await();
    vertx.close().await();
  }

  private static byte[] frame(SyntheticNode node, long t, long tsMs) {
    DataFrame f = DataFrame.empty(node.table.schemaVersion(), t, tsMs, SyntheticNode.SERIES);
    for (int i = 0; i < SyntheticNode.SERIES; i++) {
      f.set(i, node.bits(i, t));
    }
    return DataFrameCodec.encode(f);
  }

  private static double meter(PrometheusMeterRegistry registry, String name) {
    return registry.get(name).meter().measure().iterator().next().getValue();
  }

  private static long bytes(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      long sum = 0;
      for (Path f : (Iterable<Path>) files::iterator) {
        sum += Files.size(f);
      }
      return sum;
    }
  }

  private static long processCpuNs() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The remote write queue's classes in a live class histogram of this process (jcmd). */
  private static void histogram() throws Exception {
    long pid = ProcessHandle.current().pid();
    Process p =
        new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.contains("remotewrite") || line.contains("Total")) {
          System.out.println("histogram: " + line.strip());
        }
      }
    }
    p.waitFor();
  }
}
