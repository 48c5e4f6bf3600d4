package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.protocol.message.JobInfo;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One evaluation of every standard rule by the hub's alert service over its real store: {@code N}
 * synthetic 8-GPU nodes (default 125: 1000 GPUs) holding 35 minutes of 1 s data, every GPU in a
 * running job. Prints the evaluation time (median and worst of 20). Run as a program: see
 * docs/benchmarks/rules-hub.md.
 */
public final class RulesOverStoreBenchmark {
  private static final long START_MS = 1_767_225_600_000L;
  private static final long TICKS = 35 * 60;

  private RulesOverStoreBenchmark() {}

  public static void main(String[] args) {
    int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 125;
    ColumnarSampleStore store = new ColumnarSampleStore(StoreConfig.defaults());
    StoreFiller filler = new StoreFiller(store, hosts);
    filler.fill(TICKS, START_MS);
    long nowMs = START_MS + (TICKS - 1) * 1000;
    Clock clock = Clock.fixed(Instant.ofEpochMilli(nowMs), ZoneOffset.UTC);
    HubServices hub =
        HubServices.create(
            HubConfig.defaults(),
            clock,
            store,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    for (int h = 0; h < hosts; h++) {
      List<String> gpus = new ArrayList<>();
      for (int g = 0; g < 8; g++) {
        gpus.add("GPU-" + h + "-" + g);
      }
      hub.jobs()
          .started(
              StoreFiller.hostName(h),
              new JobInfo(
                  "job" + h,
                  "user" + h,
                  "train",
                  gpus,
                  START_MS,
                  "bench",
                  Map.of("account", "a" + (h % 7))),
              START_MS);
    }
    int rounds = 20;
    long[] ns = new long[rounds];
    int alerts = 0;
    for (int i = 0; i < rounds; i++) {
      long t = System.nanoTime();
      hub.alerts().evaluateAt(Instant.ofEpochMilli(nowMs));
      ns[i] = System.nanoTime() - t;
      alerts = hub.alerts().alerts().size();
    }
    Arrays.sort(ns);
    System.out.printf(
        "%d hosts, %d GPUs: evaluation median %.1f ms, worst %.1f ms (%d alerts)%n",
        hosts, hosts * 8, ns[rounds / 2] / 1e6, ns[rounds - 1] / 1e6, alerts);
  }
}
