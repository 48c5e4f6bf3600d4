package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The job page draws the hub's values: after a 6 h page of a 16-GPU job (two nodes, 3 h of 1 s
 * history, so rolled-up tiers) is drawn, every point of the GPU power chart equals the hub's JSON
 * answer to the same query the page sent in its batch request (as a float32, the compact form's
 * precision), and every point of the InfiniBand chart is the sum of the node's two ports. Points
 * are read back from ECharts' own option (ChartLines), so a page that drew wrong rows, shifted
 * times or lost lines fails here.
 */
class JobPageDrawnValuesBrowserTest {
  private static final String JOB = "drawn-1";

  /**
   * In the page: the JSON answer to the page's own series request for a metric, compared with the
   * chart's points. Returns {lines, points, mismatches}.
   */
  private static final String COMPARE =
      "const [metric, panel, sum, chart, done] = arguments;"
          + "(async () => {"
          + "  const q = performance.getEntriesByType('resource').map((e) => new URL(e.name))"
          + "    .filter((u) => u.pathname === '/api/v1/series/batch')"
          + "    .flatMap((u) => u.searchParams.getAll('q'))"
          + "    .find((one) => new URLSearchParams(one).get('metric') === metric);"
          + "  const url = new URL('/api/v1/series?' + q, location.href);"
          + "  url.searchParams.delete('format');"
          + "  url.searchParams.delete('when_empty');"
          + "  const json = await (await fetch(url)).json();"
          + "  const expected = {};"
          + "  for (const s of json.series) {"
          + "    const name = sum ? s.host : s.host + ':' + s.labels.gpu;"
          + "    const line = expected[name] || (expected[name] = new Map());"
          + "    s.timestamps.forEach((t, i) => {"
          + "      const v = s.values[i] === null ? null : Math.fround(s.values[i]);"
          + "      const before = line.has(t) ? line.get(t) : 0;"
          + "      line.set(t, v === null || before === null ? null : before + v);"
          + "    });"
          + "  }"
          + "  const mismatches = []; let points = 0;"
          + "  if (Object.keys(chart).sort().join() !== Object.keys(expected).sort().join()) {"
          + "    mismatches.push('lines ' + Object.keys(chart) + ' vs ' + Object.keys(expected));"
          + "  }"
          + "  for (const [name, line] of Object.entries(expected)) {"
          + "    const drawn = chart[name] || [];"
          + "    if (drawn.length !== line.size) mismatches.push(name + ': ' + drawn.length + ' points vs ' + line.size);"
          + "    for (const [t, v] of drawn) {"
          + "      points++;"
          + "      const want = line.get(t);"
          + "      const same = want === null ? v === null : v !== null && Math.abs(v - want) <= 1e-9 * Math.abs(want);"
          + "      if (want === undefined || !same) mismatches.push(name + ' @' + t + ': ' + v + ' vs ' + want);"
          + "    }"
          + "  }"
          + "  done({ lines: Object.keys(expected).length, points, mismatches: mismatches.slice(0, 10) });"
          + "})().catch((e) => done({ error: String(e) }));";

  @Test
  void chartsHoldTheHubsValues(@TempDir Path tmp) throws Exception {
    Browsers.requireInstalled();
    try (HubUnderTest hub = HubUnderTest.start(HubConfig.defaults())) {
      long now = System.currentTimeMillis();
      long from = now - 3 * 3600_000L;
      for (int n = 0; n < 2; n++) {
        String host = "drawn-node-0" + (n + 1);
        new SyntheticHistory(host, n).fillAsJob(hub, JOB, "run", from, now);
      }
      ChromeDriver driver = Browsers.start(tmp, 1600, 1200);
      try {
        driver.get(hub.baseUrl() + "/#/job/" + JOB + "?range=6h");
        Browsers.awaitViewReady(driver, "job");
        List<String> problems = new ArrayList<>();
        for (List<Object> c :
            List.<List<Object>>of(
                List.of("gpu_power_watts", "gpu_power", false, 16),
                List.of("infiniband_port_data_received_bytes_total", "ib_rx", true, 2))) {
          String panel = (String) c.get(1);
          @SuppressWarnings("unchecked")
          Map<String, Object> result =
              (Map<String, Object>)
                  driver.executeAsyncScript(
                      COMPARE, c.get(0), panel, c.get(2), ChartLines.of(driver, panel));
          assertEquals(null, result.get("error"), panel);
          problems.addAll(
              ((List<?>) result.get("mismatches")).stream().map(m -> panel + " " + m).toList());
          assertEquals(
              ((Number) c.get(3)).longValue(), ((Number) result.get("lines")).longValue(), panel);
          // 6 h at one point per pixel of a ~670 px plot, 3 h of which hold data: hundreds each
          assertTrue(((Number) result.get("points")).longValue() > 100L * (int) c.get(3), panel);
        }
        assertEquals(List.of(), problems);
      } finally {
        driver.quit();
      }
    }
  }
}
