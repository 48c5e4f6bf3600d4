package io.clusterwatch.e2e.browser;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a panel's chart was given to draw, read back from its ECharts option: every line with points
 * as {@code name -> [[t, v], ...]}. Lines come from the chart's shared datasets (first row the
 * time, one row per line, see js/charts/linechart.js) or from a series' own data; the event marks
 * series is left out.
 */
final class ChartLines {
  private static final String READ =
      "const o = echarts.getInstanceByDom(document.querySelector("
          + "'[data-panel=' + arguments[0] + ']')).getOption();"
          + "const out = {};"
          + "for (const s of o.series) {"
          + "  if (s.id === 'cw-marks') continue;"
          + "  let pts = [];"
          + "  if (s.data && s.data.length) pts = s.data;"
          + "  else if (s.datasetIndex !== undefined) {"
          + "    const src = o.dataset[s.datasetIndex].source;"
          + "    const y = [].concat(s.encode.y)[0];"
          + "    pts = src[0].map((t, i) => [t, src[y][i]]);"
          + "  }"
          + "  if (pts.length) out[s.name] = pts;"
          + "}"
          + "return out;";

  private ChartLines() {}

  /** The lines of the chart with {@code data-panel=panel}, by name. */
  @SuppressWarnings("unchecked")
  static Map<String, List<List<Object>>> of(ChromeDriver driver, String panel) {
    return (Map<String, List<List<Object>>>) driver.executeScript(READ, panel);
  }

  /** The value of line {@code name} at {@code index} from the end (1: the newest point). */
  static double fromEnd(ChromeDriver driver, String panel, String name, int index) {
    List<List<Object>> points = of(driver, panel).get(name);
    if (points == null) {
      throw new AssertionError("no line " + name + " in panel " + panel);
    }
    return ((Number) points.get(points.size() - index).get(1)).doubleValue();
  }
}
