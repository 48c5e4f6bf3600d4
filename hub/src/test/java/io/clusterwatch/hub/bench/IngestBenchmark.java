package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.Hub;
import io.clusterwatch.hub.HubMain;
import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.metrics.HubVertx;
import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.ProtocolVersion;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.message.ControlMessageCodec;
import io.clusterwatch.protocol.message.Hello;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ingest and live-latency load test: an in-process hub, many simulated agents streaming real binary
 * frames over real WebSockets at their sampling interval (phases spread evenly), and live clients
 * each subscribed to one node view.
 *
 * <p>Run: {@code java -cp hub/target/test-classes:hub/target/classes:<deps>
 * io.clusterwatch.hub.bench.IngestBenchmark [agents] [series] [intervalMs] [seconds] [liveClients]}
 *
 * <p>Reports samples/s stored, CPU time of the hub's ingest event loop per wall second (so
 * samples/s per core = samples/s / that), process CPU for comparison, and p50/p99 of the live
 * latency measured in the clients: receive time minus the agent timestamp of the newest sample in
 * the delta (hub and agents share this machine's clock).
 */
public final class IngestBenchmark {
  private static final long WARMUP_MS = 5_000;

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    int agents = arg(args, 0, 1000);
    int series = arg(args, 1, 200);
    int intervalMs = arg(args, 2, 1000);
    int seconds = arg(args, 3, 20);
    int liveClients = arg(args, 4, 100);

    HubConfig config =
        new HubConfigReader()
            .read(
                String.join(
                    "\n",
                    "server: {port: 0}",
                    "ingest: {max_agents: " + (agents + 10) + "}",
                    "store: {raw_step: " + intervalMs + "ms}"),
                "benchmark");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx hubVertx = HubVertx.create(registry);
    Set<Long> ingestThreads = ConcurrentHashMap.newKeySet();
    HubServices services =
        HubServices.create(
            config,
            Clock.systemUTC(),
            new ThreadRecordingStore(
                new ColumnarSampleStore(HubMain.storeConfig(config)), ingestThreads),
            registry);
    Hub hub = Hub.start(hubVertx, services).await();

    Vertx load = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    WebSocketClient client =
        load.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxFrameSize(1 << 24)
                .setMaxMessageSize(1 << 24)
                .setMaxConnections(agents + liveClients + 10));
    SeriesTable table = table(series);
    ControlMessageCodec codec = new ControlMessageCodec();
    List<SimulatedAgent> sims = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      String host = String.format("node-%05d", i);
      WebSocket ws = client.connect(hub.port(), "localhost", "/ingest").await();
      ws.textMessageHandler(t -> {});
      ws.writeTextMessage(
              codec.encode(
                  new Hello(
                      ProtocolVersion.CURRENT,
                      host,
                      "bench-" + i,
                      "boot",
                      intervalMs,
                      "",
                      0,
                      "bench",
                      table,
                      Map.of())))
          .await();
      sims.add(new SimulatedAgent(ws, table));
    }
    long start = System.currentTimeMillis();
    for (int i = 0; i < agents; i++) {
      SimulatedAgent sim = sims.get(i);
      long phase = (long) i * intervalMs / agents;
      load.setTimer(1 + phase, t -> load.setPeriodic(0, intervalMs, p -> sim.tick()));
    }

    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean measuring = new AtomicBoolean();
    for (int i = 0; i < liveClients; i++) {
      WebSocket ws = client.connect(hub.port(), "localhost", "/live").await();
      ws.textMessageHandler(
          text -> {
            long now = System.currentTimeMillis();
            if (measuring.get() && text.startsWith(DELTA_PREFIX)) {
              latencies.add(now - timeMs(text));
            }
          });
      String host = String.format("node-%05d", i % agents);
      ws.writeTextMessage(
          new JsonObject().put("type", "subscribe").put("view", "node:" + host).encode());
    }

    Thread.sleep(Math.max(0, WARMUP_MS - (System.currentTimeMillis() - start)));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long hubCpu0 = cpu(threads, ingestThreads);
    long procCpu0 = processCpu();
    double samples0 = services.meters().samplesCount();
    double frames0 = services.meters().framesStoredCount();
    long wall0 = System.nanoTime();
    measuring.set(true);
    Thread.sleep(seconds * 1000L);
    measuring.set(false);
    long wallNs = System.nanoTime() - wall0;
    double hubCores = (cpu(threads, ingestThreads) - hubCpu0) / (double) wallNs;
    double procCores = (processCpu() - procCpu0) / (double) wallNs;
    double samplesPerS = (services.meters().samplesCount() - samples0) * 1e9 / wallNs;
    double framesPerS = (services.meters().framesStoredCount() - frames0) * 1e9 / wallNs;
    long[] lat = List.copyOf(latencies).stream().mapToLong(Long::longValue).sorted().toArray();

    System.out.printf(
        "agents=%d series=%d interval_ms=%d seconds=%d live_clients=%d%n",
        agents, series, intervalMs, seconds, liveClients);
    System.out.printf("frames/s stored: %.0f%n", framesPerS);
    System.out.printf("samples/s stored: %.0f%n", samplesPerS);
    System.out.printf(
        "hub ingest event-loop CPU: %.3f cores -> %.0f samples/s per core%n",
        hubCores, samplesPerS / hubCores);
    System.out.printf(
        "whole process CPU (hub + load generator + GC + JIT): %.3f cores%n", procCores);
    System.out.printf(
        "live deltas received: %d, latency p50 %d ms, p99 %d ms, max %d ms%n",
        lat.length, pct(lat, 0.50), pct(lat, 0.99), lat.length == 0 ? -1 : lat[lat.length - 1]);
    System.out.printf(
        "store: %s, hub-side live latency p99 %.0f ms, skipped ticks %.0f%n",
        services.store().stats(),
        services
            .meters()
            .liveLatency()
            .percentile(0.99, java.util.concurrent.TimeUnit.MILLISECONDS),
        services.meters().liveSkippedCount());
    client.close().await();
    load.close().await();
    hub.stop().await();
    hubVertx.close().await();
  }

  /** Deltas start with their type; the hub writes fields in this order. */
  private static final String DELTA_PREFIX = "{\"type\":\"delta\"";

  /** The delta's {@code time_ms}, read without parsing the whole message on the client's loop. */
  private static long timeMs(String text) {
    int i = text.indexOf("\"time_ms\":") + 10;
    int j = i;
    while (Character.isDigit(text.charAt(j))) {
      j++;
    }
    return Long.parseLong(text.substring(i, j));
  }

  private static long pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  }

  private static long cpu(ThreadMXBean threads, Set<Long> ids) {
    long sum = 0;
    for (long id : ids) {
      long t = threads.getThreadCpuTime(id);
      if (t > 0) {
        sum += t;
      }
    }
    return sum;
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static int arg(String[] args, int i, int def) {
    return args.length > i ? Integer.parseInt(args[i]) : def;
  }

  /** A node-like table: one quarter counters, the rest gauges, 8 GPUs' worth of labels. */
  static SeriesTable table(int n) {
    List<SeriesDescriptor> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Labels labels =
          Labels.of(
              "gpu", String.valueOf(i % 8), "gpu_uuid", "GPU-" + (i % 8), "i", String.valueOf(i));
      list.add(
          i % 4 == 0
              ? SeriesDescriptor.of("bench_bytes_total", labels, MetricType.COUNTER)
              : SeriesDescriptor.of("bench_value_ratio", labels, MetricType.GAUGE));
    }
    return new SeriesTable(1, list);
  }

  /** One agent: a prebuilt frame whose sequence, timestamp and counters are patched per tick. */
  static final class SimulatedAgent {
    private final WebSocket ws;
    private final byte[] frame;
    private final ByteBuffer view;
    private final int valuesOffset;
    private final int n;
    private long seq;

    SimulatedAgent(WebSocket ws, SeriesTable table) {
      this.ws = ws;
      this.n = table.size();
      DataFrame f = DataFrame.empty(1, 0, 0, n);
      for (int i = 0; i < n; i++) {
        if (i % 4 == 0) {
          f.set(i, 0);
        } else {
          f.setGauge(i, (i % 100) / 100.0);
        }
      }
      this.frame = DataFrameCodec.encode(f);
      this.view = ByteBuffer.wrap(frame);
      this.valuesOffset = DataFrameCodec.HEADER_LENGTH + (n + 7) / 8;
    }

    void tick() {
      seq++;
      view.putLong(8, seq);
      view.putLong(16, System.currentTimeMillis());
      for (int i = 0; i < n; i += 4) {
        view.putLong(valuesOffset + 8 * i, seq * 4096);
      }
      ws.writeBinaryMessage(Buffer.buffer(Arrays.copyOf(frame, frame.length)));
    }
  }
}
