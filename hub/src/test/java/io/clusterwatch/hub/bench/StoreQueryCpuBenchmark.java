package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.StoreConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The job page of {@link StoreQueryBenchmark} timed in CPU time of the querying thread, for
 * machines shared with other work. Runs {@code warmPages} pages to warm the JIT, then reports the
 * mean CPU and wall time of {@code pages} pages per maxPoints value.
 *
 * <p>Arguments: {@code warmPages pages} (default 30 30).
 */
public final class StoreQueryCpuBenchmark {
  private StoreQueryCpuBenchmark() {}

  public static void main(String[] args) {
    int warm = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int pages = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ColumnarSampleStore store = new ColumnarSampleStore(StoreConfig.defaults());
    long toMs = StoreQueryBenchmark.fill(store);
    for (int maxPoints : new int[] {1_000, 10_000}) {
      long points = 0;
      for (int i = 0; i < warm; i++) {
        points += StoreQueryBenchmark.jobPage(store, toMs, maxPoints);
      }
      long cpu0 = threads.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      for (int i = 0; i < pages; i++) {
        points += StoreQueryBenchmark.jobPage(store, toMs, maxPoints);
      }
      double cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / pages;
      double wallMs = (System.nanoTime() - wall0) / 1e6 / pages;
      System.out.printf(
          "maxPoints=%d: %.1f ms CPU, %.1f ms wall per job page (%d points per page)%n",
          maxPoints, cpuMs, wallMs, points / (warm + pages));
    }
  }
}
