package io.clusterwatch.hub.rules;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code rules} section of hub.yaml (as SnakeYAML loads it) over the defaults. An unknown
 * key or a bad value stops start-up with a message naming the key.
 */
public final class RulesConfigParser {
  private RulesConfigParser() {}

  /** @param rules the mapping under {@code rules}, null for all defaults */
  public static RulesConfig parse(Object rules) {
    RulesConfig d = RulesConfig.defaults();
    if (rules == null) {
      return d;
    }
    Section s = new Section("rules", rules);
    RulesConfig out =
        new RulesConfig(
            s.duration("evaluation_interval", d.evaluationInterval()),
            s.duration("resolved_retention", d.resolvedRetention()),
            idle(s.child("idle"), d.idle()),
            health(s.child("health"), d.health()),
            hints(s.child("hints"), d.hints()),
            webhooks(s.list("webhooks")));
    s.done();
    return out;
  }

  private static IdleRulesConfig idle(Section s, IdleRulesConfig d) {
    IdleRulesConfig c =
        new IdleRulesConfig(
            s.duration("no_process_for", d.noProcessFor()),
            s.ratio("low_util_max_ratio", d.lowUtilMaxRatio()),
            s.duration("low_util_for", d.lowUtilFor()),
            s.duration("mean_util_window", d.meanUtilWindow()),
            s.ratio("mean_util_below_ratio", d.meanUtilBelowRatio()),
            s.duration("min_runtime", d.minRuntime()));
    s.done();
    return c;
  }

  private static HealthRulesConfig health(Section s, HealthRulesConfig d) {
    HealthRulesConfig c =
        new HealthRulesConfig(
            s.number("temperature_critical_celsius", d.temperatureCriticalCelsius()),
            s.duration("temperature_critical_for", d.temperatureCriticalFor()),
            s.number("temperature_warning_celsius", d.temperatureWarningCelsius()),
            s.duration("temperature_warning_for", d.temperatureWarningFor()),
            s.duration("throttle_for", d.throttleFor()),
            s.ratio("disk_busy_ratio", d.diskBusyRatio()),
            s.duration("disk_busy_for", d.diskBusyFor()),
            (int) s.positive("agent_silent_intervals", d.agentSilentIntervals()),
            s.duration("xid_window", d.xidWindow()),
            s.duration("error_counter_window", d.errorCounterWindow()));
    s.done();
    return c;
  }

  private static HintRulesConfig hints(Section s, HintRulesConfig d) {
    HintRulesConfig c =
        new HintRulesConfig(
            s.ratio("gpu_idle_below_ratio", d.gpuIdleBelowRatio()),
            s.ratio("cpu_core_saturated_ratio", d.cpuCoreSaturatedRatio()),
            s.ratio("disk_busy_ratio", d.diskBusyRatio()),
            s.ratio("iowait_ratio", d.iowaitRatio()),
            s.ratio("ib_near_line_rate_ratio", d.ibNearLineRateRatio()),
            s.duration("window", d.window()),
            s.duration("for", d.holdFor()));
    s.done();
    return c;
  }

  private static List<WebhookConfig> webhooks(List<Section> entries) {
    List<WebhookConfig> out = new ArrayList<>();
    for (Section s : entries) {
      String url = s.text("url", null);
      if (url == null) {
        throw new IllegalArgumentException(s.path + ".url: missing");
      }
      WebhookConfig d;
      try {
        d = WebhookConfig.to(URI.create(url));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(s.path + ".url: " + e.getMessage(), e);
      }
      Set<String> groups = s.groups("groups", d.groups());
      WebhookConfig c =
          new WebhookConfig(
              d.url(),
              groups,
              s.duration("timeout", d.timeout()),
              (int) s.positive("max_attempts", d.maxAttempts()),
              s.duration("backoff_initial", d.backoffInitial()),
              s.duration("backoff_max", d.backoffMax()),
              (int) s.positive("queue_capacity", d.queueCapacity()));
      s.done();
      out.add(c);
    }
    return out;
  }

  /** A mapping whose keys are consumed one by one; leftovers are unknown keys. */
  private static final class Section {
    final String path;
    final Map<String, Object> left;

    @SuppressWarnings("unchecked")
    Section(String path, Object node) {
      this.path = path;
      if (node == null) {
        this.left = new LinkedHashMap<>();
      } else if (node instanceof Map) {
        this.left = new LinkedHashMap<>();
        ((Map<Object, Object>) node).forEach((k, v) -> left.put(String.valueOf(k), v));
      } else {
        throw new IllegalArgumentException(path + ": expected a mapping, got '" + node + "'");
      }
    }

    Section child(String key) {
      return new Section(path + "." + key, left.remove(key));
    }

    List<Section> list(String key) {
      Object v = left.remove(key);
      List<Section> out = new ArrayList<>();
      if (v == null) {
        return out;
      }
      if (!(v instanceof List)) {
        throw new IllegalArgumentException(path + "." + key + ": expected a list");
      }
      List<?> l = (List<?>) v;
      for (int i = 0; i < l.size(); i++) {
        out.add(new Section(path + "." + key + "[" + i + "]", l.get(i)));
      }
      return out;
    }

    Duration duration(String key, Duration dflt) {
      Object v = left.remove(key);
      return v == null ? dflt : DurationText.parse(path + "." + key, v);
    }

    double number(String key, double dflt) {
      Object v = left.remove(key);
      if (v == null) {
        return dflt;
      }
      if (!(v instanceof Number)) {
        throw new IllegalArgumentException(path + "." + key + ": '" + v + "' is not a number");
      }
      return ((Number) v).doubleValue();
    }

    double ratio(String key, double dflt) {
      double r = number(key, dflt);
      if (!(r >= 0 && r <= 1)) {
        throw new IllegalArgumentException(path + "." + key + ": " + r + " is not a ratio between 0 and 1");
      }
      return r;
    }

    long positive(String key, long dflt) {
      double n = number(key, dflt);
      if (n < 1 || n != Math.rint(n)) {
        throw new IllegalArgumentException(path + "." + key + ": " + n + " is not a whole number >= 1");
      }
      return (long) n;
    }

    String text(String key, String dflt) {
      Object v = left.remove(key);
      return v == null ? dflt : String.valueOf(v);
    }

    Set<String> groups(String key, Set<String> dflt) {
      Object v = left.remove(key);
      if (v == null) {
        return dflt;
      }
      if (!(v instanceof List)) {
        throw new IllegalArgumentException(path + "." + key + ": expected a list of idle, health, hint");
      }
      Set<String> out = new LinkedHashSet<>();
      for (Object g : (List<?>) v) {
        String name = String.valueOf(g);
        if (!name.equals("idle") && !name.equals("health") && !name.equals("hint")) {
          throw new IllegalArgumentException(path + "." + key + ": unknown rule group '" + name + "'");
        }
        out.add(name);
      }
      return out;
    }

    void done() {
      if (!left.isEmpty()) {
        throw new IllegalArgumentException(path + ": unknown key '" + left.keySet().iterator().next() + "'");
      }
    }
  }
}
