package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page's decoder of the compact series form (js/compactseries.js) against a real hub: for a
 * 64-GPU-style job's series over raw and rollup ranges, the compact answer decoded in Chromium has
 * the JSON answer's timestamps and, for every point, the same float32 value (or the same gap), with
 * min and max when bands are asked for; no answer has more points than {@code max_points}.
 */
class CompactSeriesBrowserTest {
  private static final String JOB = "compact-1";

  /** Compares both forms of each query in the page; returns {checked, mismatches, overMax}. */
  private static final String COMPARE =
      "const [base, queries, done] = arguments;"
          + "(async () => {"
          + "  const { decodeSeriesBody } = await import('/js/compactseries.js');"
          + "  const mismatches = []; let checked = 0; let overMax = 0;"
          + "  const same = (a, b) => (a === null ? b === null : b !== null && Math.fround(a) === b);"
          + "  for (const [q, max] of queries) {"
          + "    const url = base + '/api/v1/series?' + q + '&max_points=' + max + '&bands=true';"
          + "    const json = await (await fetch(url)).json();"
          + "    const compact = decodeSeriesBody(await (await fetch(url + '&format=compact')).json());"
          + "    if (json.series.length !== compact.series.length || !json.series.length) {"
          + "      mismatches.push(q + ': ' + json.series.length + ' vs ' + compact.series.length + ' series');"
          + "      continue;"
          + "    }"
          + "    json.series.forEach((j, i) => {"
          + "      const c = compact.series[i];"
          + "      if (c.timestamps.length > max) overMax++;"
          + "      if (JSON.stringify(j.timestamps) !== JSON.stringify(c.timestamps)) mismatches.push(q + ' #' + i + ': timestamps');"
          + "      for (const f of ['values', 'min', 'max']) {"
          + "        if ((j[f] === undefined) !== (c[f] === undefined)) { mismatches.push(q + ' #' + i + ': ' + f + ' present in one form only'); continue; }"
          + "        if (j[f] === undefined) continue;"
          + "        j[f].forEach((v, k) => { checked++; if (!same(v, c[f][k])) mismatches.push(q + ' #' + i + ' ' + f + '[' + k + ']: ' + v + ' vs ' + c[f][k]); });"
          + "      }"
          + "    });"
          + "  }"
          + "  done({ checked, overMax, mismatches: mismatches.slice(0, 10) });"
          + "})().catch((e) => done({ error: String(e) }));";

  @Test
  void compactAnswersDecodeToTheJsonAnswersFloats(@TempDir Path tmp) throws Exception {
    Browsers.requireInstalled();
    try (HubUnderTest hub = HubUnderTest.start(HubConfig.defaults())) {
      long now = System.currentTimeMillis();
      long from = now - 2 * 3600_000L;
      new SyntheticHistory("compact-node-01", 0).fillAsJob(hub, JOB, "run", from, now);

      String range = "&from=" + from + "&to=" + now;
      List<List<Object>> queries =
          List.of(
              List.of("job=" + JOB + "&metric=gpu_utilization_ratio" + range, 666),
              List.of("job=" + JOB + "&metric=gpu_power_watts" + range, 50),
              List.of("job=" + JOB + "&metric=gpu_memory_used_bytes" + range, 3),
              List.of("job=" + JOB + "&metric=disk_read_bytes_total" + range, 200),
              List.of(
                  "host=compact-node-01&metric=gpu_temperature_celsius&from="
                      + (now - 300_000)
                      + "&to="
                      + now,
                  1000));
      ChromeDriver driver = Browsers.start(tmp, 1280, 900);
      try {
        driver.get(hub.baseUrl() + "/");
        @SuppressWarnings("unchecked")
        Map<String, Object> result =
            (Map<String, Object>) driver.executeAsyncScript(COMPARE, hub.baseUrl(), queries);
        assertEquals(null, result.get("error"));
        assertEquals(List.of(), result.get("mismatches"));
        assertEquals(0L, ((Number) result.get("overMax")).longValue(), "points over max_points");
        // 8 GPUs x (666 points with bands + ...): every value of every form was compared.
        assertTrue(((Number) result.get("checked")).longValue() > 8 * 100, result.toString());
      } finally {
        driver.quit();
      }
    }
  }
}
