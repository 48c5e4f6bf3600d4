package io.clusterwatch.e2e.browser;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.protocol.message.JobInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Page-load benchmark (docs/benchmarks/web.md): time from navigation to a fully drawn job page for
 * a 64-GPU job (8 nodes x 8 GPUs) with 24 h of 1 s history in a real hub, in headless Chromium.
 * "Fully drawn" is the page's own mark {@code cw-view-ready}, set when every panel's data has
 * arrived and ECharts reported the charts finished; its {@code startTime} is milliseconds since the
 * navigation started. Beside it, the CPU time of the page's main thread per load (less sensitive to
 * other work on the machine). Reports numbers, asserts none (timing belongs in benchmarks, not
 * tests).
 *
 * <p>Run: {@code mvn -o -pl web,hub,e2e test -Dtest=JobPageBenchmark -Dbenchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; add {@code -Dbenchmark.profile=true} for a CPU profile
 * of one more load of each range, left out of the times.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class JobPageBenchmark {
  private static final int NODES = 8;
  private static final int RUNS = Integer.getInteger("benchmark.runs", 7);
  private static final String JOB = "bench-64";

  /** With {@code -Dbenchmark.profile=true}, one more load of each range is CPU-profiled. */
  private static final boolean PROFILE = Boolean.getBoolean("benchmark.profile");

  @TempDir Path tmp;

  @Test
  void jobPageWith24hOfHistory() throws IOException {
    Browsers.requireInstalled();
    try (HubUnderTest hub = HubUnderTest.start(HubConfig.defaults())) {
      long now = System.currentTimeMillis();
      long from = now - 24 * 3600_000L;
      long fillStart = System.nanoTime();
      for (int n = 0; n < NODES; n++) {
        String host = String.format("bench-node-%02d", n + 1);
        SyntheticHistory history = new SyntheticHistory(host, n);
        history.fill(hub.services().store(), from, now, 1000);
        hub.services()
            .jobs()
            .pinned(
                host,
                new JobInfo(
                    JOB,
                    "bench",
                    "llama-70b-pretrain",
                    history.gpuUuids(),
                    from,
                    "static",
                    Map.of("partition", "gpu")),
                from);
      }
      double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

      StringBuilder report = new StringBuilder();
      report.append(
          String.format("history: %d nodes x 24 h at 1 s written in %.1f s%n", NODES, fillSeconds));
      for (String range : List.of("live", "24h")) {
        double[] ms = measure(hub, range);
        double[] warm = Arrays.copyOfRange(ms, 1, ms.length);
        Arrays.sort(warm);
        double[] cpu = Arrays.copyOfRange(mainThreadMs, 1, mainThreadMs.length);
        Arrays.sort(cpu);
        report.append(
            String.format(
                "range %-4s: first %.0f ms, warm median %.0f ms, warm min %.0f ms, warm max %.0f ms, all %s%n",
                range,
                ms[0],
                warm[warm.length / 2],
                warm[0],
                warm[warm.length - 1],
                Arrays.toString(round(ms))));
        report.append(
            String.format(
                "  page main-thread CPU: warm median %.0f ms, all %s%n",
                cpu[cpu.length / 2], Arrays.toString(round(mainThreadMs))));
        report.append("  last run: ").append(lastBreakdown).append('\n');
        report.append(lastProfile);
      }
      System.out.print(report);
      Path out = Path.of("target", "benchmarks");
      Files.createDirectories(out);
      Files.writeString(out.resolve("job-page.txt"), report.toString());
    }
  }

  private String lastBreakdown = "";
  private String lastProfile = "";

  /**
   * CPU time of the page's main thread per load (Chromium's Performance.getMetrics ThreadTime, from
   * navigation to drawn): the page's own work, which waiting for a busy machine's CPUs does not
   * inflate as it inflates the wall-clock time.
   */
  private double[] mainThreadMs = new double[0];

  private double[] measure(HubUnderTest hub, String range) throws IOException {
    ChromeDriver driver = Browsers.start(tmp, 1600, 1200);
    try {
      List<Double> times = new ArrayList<>();
      mainThreadMs = new double[RUNS];
      // With PROFILE, one more load, profiled and left out of the times (the profiler costs).
      for (int i = 0; i < RUNS + (PROFILE ? 1 : 0); i++) {
        boolean profiled = i == RUNS;
        // The profile must start in the renderer that loads the page: a same-origin page first.
        driver.get(profiled ? hub.baseUrl() + "/healthz" : "about:blank");
        driver.executeCdpCommand("Performance.enable", Map.of());
        if (profiled) {
          PageCpuProfile.start(driver);
        }
        double threadBefore = threadSeconds(driver);
        driver.get(
            hub.baseUrl() + "/#/job/" + JOB + (range.equals("live") ? "" : "?range=" + range));
        Browsers.awaitViewReady(driver, "job");
        Number t =
            (Number)
                driver.executeScript(
                    "return performance.getEntriesByName('cw-view-ready')[0].startTime");
        if (profiled) {
          lastProfile =
              String.format(
                      "  profiled load (not counted above): drawn at %.0f ms%n", t.doubleValue())
                  + PageCpuProfile.stop(driver, 30);
          driver.executeCdpCommand("Performance.disable", Map.of());
          continue;
        }
        times.add(t.doubleValue());
        mainThreadMs[i] = (threadSeconds(driver) - threadBefore) * 1000;
        driver.executeCdpCommand("Performance.disable", Map.of());
        lastBreakdown =
            String.valueOf(
                driver.executeScript(
                    "const r = performance.getEntriesByType('resource').filter(e => e.name.includes('/api/v1/'));"
                        + "const end = Math.max(...r.map(e => e.responseEnd));"
                        + "const slow = Math.max(...r.map(e => e.responseEnd - e.requestStart));"
                        + "const bytes = r.reduce((a, e) => a + e.transferSize, 0);"
                        + "return r.length + ' API requests, last answer at ' + Math.round(end) + ' ms, slowest '"
                        + " + Math.round(slow) + ' ms, ' + Math.round(bytes / 1024) + ' KiB; '"
                        + " + performance.getEntriesByType('mark').filter(m => m.name.startsWith('cw-'))"
                        + ".map(m => m.name + '@' + Math.round(m.startTime)).join(' ')"
                        // Each request: sent, first byte (the hub's time and queueing), last byte.
                        + " + '; requests (sent/first byte/end ms): ' + r.map(e => {"
                        + " const u = new URL(e.name);"
                        // A batch is named by its queries' metrics (each query's own string in q).
                        + " const batch = u.searchParams.getAll('q').map(q => new URLSearchParams(q).get('metric'));"
                        + " const what = u.searchParams.get('metric') || (batch.length ? '[' + batch.join(' ') + ']'"
                        + " : u.pathname.replace('/api/v1/', ''));"
                        + " return what + ' ' + Math.round(e.requestStart) + '/' + Math.round(e.responseStart)"
                        + " + '/' + Math.round(e.responseEnd); }).join(', ');"));
      }
      return times.stream().mapToDouble(Double::doubleValue).toArray();
    } finally {
      driver.quit();
    }
  }

  /** The renderer main thread's CPU seconds so far (metric ThreadTime). */
  private static double threadSeconds(ChromeDriver driver) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> metrics =
        (List<Map<String, Object>>)
            driver.executeCdpCommand("Performance.getMetrics", Map.of()).get("metrics");
    return metrics.stream()
        .filter(m -> "ThreadTime".equals(m.get("name")))
        .mapToDouble(m -> ((Number) m.get("value")).doubleValue())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Chromium reported no ThreadTime metric"));
  }

  private static long[] round(double[] ms) {
    return Arrays.stream(ms).mapToLong(Math::round).toArray();
  }
}
