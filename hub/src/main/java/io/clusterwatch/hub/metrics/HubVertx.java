package io.clusterwatch.hub.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates the hub's Vert.x instance with its HTTP and event-loop meters on an explicit registry,
 * and thread pools sized for the hub's work rather than Vert.x's defaults.
 */
public final class HubVertx {
  /**
   * vertx-micrometer-metrics 5.0 registers this gauge again for every accepted connection
   * (vert-x3/vertx-micrometer-metrics#259), and Micrometer 1.13+ answers the second registration
   * with a "Gauge has been already registered" warning at the first reuse. The hub counts its open
   * HTTP connections itself ({@code clusterwatch_hub_http_connections}).
   */
  static final String REREGISTERED_GAUGE = "vertx.http.server.active.connections";

  /**
   * Fewest worker and internal blocking threads. Vert.x's pools start a thread for each task until
   * they reach their size (20 each by default) and keep them: on the hub the workers run the rules
   * (one evaluation at a time), job-page and report queries and logins, and the internal pool reads
   * the dashboard's files, so 20 threads of each only held stacks and malloc arenas
   * (docs/benchmarks/hub-vs-prometheus.md, "Memory").
   */
  static final int MIN_BLOCKING_THREADS = 4;

  /**
   * How often Vert.x's blocked-thread checker looks, in milliseconds (Vert.x's default: every
   * second). It wakes its thread whether or not anything is blocked, and on a paravirtualised VM
   * each wake cost about 0.4 ms of CPU (docs/benchmarks/hub-vs-prometheus.md, "Wake-ups"). An event
   * loop blocked past Vert.x's 2 s limit is still reported, within 5 s more.
   */
  static final long BLOCKED_THREAD_CHECK_MS = 5_000;

  /**
   * How long an event loop with nothing to do may sleep. Netty 4.2's event loops wait for I/O until
   * their next scheduled task, and at most {@code
   * SingleThreadEventExecutor.SCHEDULE_PURGE_INTERVAL} (1 s) when none is scheduled, so the
   * acceptor, which only ever accepts, and an event loop without connections woke every second with
   * nothing to do: 0.4 to 0.9 ms of CPU a second for the acceptor alone on a paravirtualised VM
   * (docs/benchmarks/hub-vs-prometheus.md). A task that does nothing, due every hour, moves that
   * deadline; I/O and tasks still wake a loop at once.
   */
  static final long IDLE_LOOP_HOURS = 1;

  private HubVertx() {}

  /**
   * Vert.x options for a hub on {@code processors} CPUs with {@code instances} HTTP verticles: one
   * event loop per verticle and at least two (Vert.x's default is two per CPU, started as contexts
   * ask for them), and as many worker and internal blocking threads as CPUs, at least {@link
   * #MIN_BLOCKING_THREADS}: their work is CPU-bound queries, which more threads than CPUs do not
   * speed up. The blocked-thread checker looks every {@link #BLOCKED_THREAD_CHECK_MS}.
   */
  public static VertxOptions options(int processors, int instances) {
    if (processors < 1 || instances < 1) {
      throw new IllegalArgumentException(
          "processors and instances must be at least 1, got " + processors + " and " + instances);
    }
    int blocking = Math.max(MIN_BLOCKING_THREADS, processors);
    return new VertxOptions()
        .setBlockedThreadCheckInterval(BLOCKED_THREAD_CHECK_MS)
        .setEventLoopPoolSize(Math.max(2, instances))
        .setWorkerPoolSize(blocking)
        .setInternalBlockingPoolSize(blocking);
  }

  public static Vertx create(PrometheusMeterRegistry registry) {
    return create(registry, options(Runtime.getRuntime().availableProcessors(), 1));
  }

  /** As {@link #create(PrometheusMeterRegistry)}, on {@code options} (see {@link #options}). */
  public static Vertx create(PrometheusMeterRegistry registry, VertxOptions options) {
    registry.config().meterFilter(MeterFilter.deny(id -> REREGISTERED_GAUGE.equals(id.getName())));
    MicrometerMetricsOptions metrics =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    Vertx vertx =
        Vertx.builder()
            .with(options.setMetricsOptions(metrics))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    quietIdleLoops(vertx);
    return vertx;
  }

  /**
   * Lets the acceptor and the event loops sleep until there is work ({@link #IDLE_LOOP_HOURS});
   * each loop's thread starts now rather than at its first use.
   */
  static void quietIdleLoops(Vertx vertx) {
    VertxInternal internal = (VertxInternal) vertx;
    for (EventLoopGroup group :
        List.of(internal.acceptorEventLoopGroup(), internal.nettyEventLoopGroup())) {
      for (EventExecutor loop : group) {
        loop.scheduleAtFixedRate(() -> {}, IDLE_LOOP_HOURS, IDLE_LOOP_HOURS, TimeUnit.HOURS);
      }
    }
  }
}
