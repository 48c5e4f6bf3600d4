package io.clusterwatch.e2e.browser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A sampled JavaScript CPU profile of one page load, through the Chrome DevTools Protocol's {@code
 * Profiler} domain, summed by function (self time: the samples whose top frame is the function) and
 * by script. For the page-load benchmark's breakdown; "(program)" is the browser's own work outside
 * JavaScript (layout, style, painting), "(idle)" waiting, "(garbage collector)" itself.
 */
final class PageCpuProfile {
  private static final int SAMPLING_INTERVAL_US = 500;

  private PageCpuProfile() {}

  static void start(ChromeDriver driver) {
    driver.executeCdpCommand("Profiler.enable", Map.of());
    driver.executeCdpCommand(
        "Profiler.setSamplingInterval", Map.of("interval", SAMPLING_INTERVAL_US));
    driver.executeCdpCommand("Profiler.start", Map.of());
  }

  /** Stops the profile and returns the {@code top} functions and every script by self time. */
  @SuppressWarnings("unchecked")
  static String stop(ChromeDriver driver, int top) {
    Map<String, Object> profile =
        (Map<String, Object>) driver.executeCdpCommand("Profiler.stop", Map.of()).get("profile");
    driver.executeCdpCommand("Profiler.disable", Map.of());
    Map<Long, Map<String, Object>> frames = new HashMap<>();
    for (Map<String, Object> node : (List<Map<String, Object>>) profile.get("nodes")) {
      frames.put(
          ((Number) node.get("id")).longValue(), (Map<String, Object>) node.get("callFrame"));
    }
    List<Object> samples = (List<Object>) profile.get("samples");
    List<Object> deltas = (List<Object>) profile.get("timeDeltas");
    Map<String, Double> byFunction = new HashMap<>();
    Map<String, Double> byScript = new HashMap<>();
    // timeDeltas[i] is the time from sample i-1 to sample i, in microseconds: it is charged to
    // sample i-1's frame, which ran during it.
    for (int i = 1; i < samples.size(); i++) {
      Map<String, Object> f = frames.get(((Number) samples.get(i - 1)).longValue());
      double ms = ((Number) deltas.get(i)).doubleValue() / 1000;
      String url = String.valueOf(f.get("url"));
      String script = url.isEmpty() ? "(native)" : url.substring(url.lastIndexOf('/') + 1);
      String name = String.valueOf(f.get("functionName"));
      String function =
          (name.isEmpty() ? "(anonymous)" : name)
              + (url.isEmpty() ? "" : " " + script + ":" + f.get("lineNumber"));
      byFunction.merge(function, ms, Double::sum);
      byScript.merge(script, ms, Double::sum);
    }
    StringBuilder out = new StringBuilder();
    out.append("  self time by script (ms):");
    sortedDescending(byScript)
        .forEach(e -> out.append(String.format(" %s %.0f;", e.getKey(), e.getValue())));
    out.append("\n  top functions by self time (ms):\n");
    sortedDescending(byFunction).stream()
        .limit(top)
        .forEach(e -> out.append(String.format("    %7.1f  %s%n", e.getValue(), e.getKey())));
    return out.toString();
  }

  private static List<Map.Entry<String, Double>> sortedDescending(Map<String, Double> m) {
    List<Map.Entry<String, Double>> list = new ArrayList<>(m.entrySet());
    list.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    return list;
  }
}
