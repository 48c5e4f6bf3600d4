package io.clusterwatch.hub.rules;

import io.clusterwatch.common.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Hints shown on the job page while a job runs (group {@code hint}, severity INFO): its GPUs are
 * mostly idle while something else on the node is at its limit. Means are over
 * {@link HintRulesConfig#window()} (from the job's start when younger), judged only after the idle
 * rules' minimum runtime. CPU figures are node-wide: the hub does not know the job's cpuset. Where
 * the job's GPUs report SM activity (NVML GPM) that is the measure of GPU work, as utilisation
 * reads full for a kernel that merely waits; otherwise utilisation.
 */
public final class BottleneckHints {
  static final String CPU = "cpu_seconds_total";
  static final String DISK_IO_TIME = "disk_io_time_seconds_total";
  static final String IB_RX = "infiniband_port_data_received_bytes_total";
  static final String IB_TX = "infiniband_port_data_transmitted_bytes_total";
  static final String IB_RATE = "infiniband_rate_bytes_per_second";

  private BottleneckHints() {}

  public static List<Rule> create(HintRulesConfig c, Duration minRuntime) {
    return List.of(
        new DefinedRule("hint_data_loading", "hint", c.holdFor(), (in, now) -> evaluate(in, now, c, minRuntime, Kind.CPU)),
        new DefinedRule("hint_io_bound", "hint", c.holdFor(), (in, now) -> evaluate(in, now, c, minRuntime, Kind.IO)),
        new DefinedRule("hint_network_bound", "hint", c.holdFor(), (in, now) -> evaluate(in, now, c, minRuntime, Kind.NET)));
  }

  private enum Kind { CPU, IO, NET }

  private static List<RuleHit> evaluate(RuleInputs in, Instant now, HintRulesConfig c, Duration minRuntime, Kind kind) {
    List<RuleHit> hits = new ArrayList<>();
    for (RunningJob job : in.runningJobs()) {
      if (job.gpuUuids().isEmpty() || Duration.between(job.start(), now).compareTo(minRuntime) < 0) {
        continue;
      }
      Instant from = RuleSupport.later(job.start(), now.minus(c.window()));
      boolean bySm = allReport(in, job, IdleRules.SM_ACTIVE);
      OptionalDouble gpuMean = gpuMean(in, job, bySm ? IdleRules.SM_ACTIVE : IdleRules.UTIL, from, now);
      if (gpuMean.isEmpty() || gpuMean.getAsDouble() >= c.gpuIdleBelowRatio()) {
        continue;
      }
      String gpus = "GPUs " + RuleSupport.percent(gpuMean.getAsDouble())
          + (bySm ? " SM activity" : " busy") + " over " + SpokenDuration.format(Duration.between(from, now));
      String evidence;
      switch (kind) {
        case CPU:
          evidence = cpuEvidence(in, job, from, now, c);
          break;
        case IO:
          evidence = ioEvidence(in, job.host(), from, now, c);
          break;
        default:
          evidence = netEvidence(in, job.host(), from, now, c);
      }
      if (evidence != null) {
        String question = kind == Kind.CPU ? "data loading?" : kind == Kind.IO ? "I/O bound?" : "network bound?";
        hits.add(new RuleHit(RuleSupport.jobLabels(job), Severity.INFO,
            question + " " + gpus + " while " + evidence, gpuMean.getAsDouble()));
      }
    }
    return hits;
  }

  /** True when every GPU of the job has a series of {@code metric}. */
  private static boolean allReport(RuleInputs in, RunningJob job, String metric) {
    return job.gpuUuids().stream()
        .allMatch(uuid -> RuleSupport.gpuSeries(in, job.host(), metric, uuid).isPresent());
  }

  private static OptionalDouble gpuMean(RuleInputs in, RunningJob job, String metric, Instant from, Instant to) {
    double sum = 0;
    int n = 0;
    for (String uuid : job.gpuUuids()) {
      var s = RuleSupport.gpuSeries(in, job.host(), metric, uuid);
      if (s.isPresent()) {
        OptionalDouble m = in.mean(job.host(), metric, s.get(), from, to);
        if (m.isPresent() && !Double.isNaN(m.getAsDouble())) {
          sum += m.getAsDouble();
          n++;
        }
      }
    }
    return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
  }

  /** Per core: mean seconds per second in each mode, from {@code cpu_seconds_total{cpu,mode}} rates. */
  private static Map<String, Map<String, Double>> cpuModes(RuleInputs in, String host, Instant from, Instant to) {
    Map<String, Map<String, Double>> byCpu = new TreeMap<>(Comparator.comparingInt(BottleneckHints::cpuNumber));
    for (Map<String, String> s : in.series(host, CPU)) {
      OptionalDouble m = in.mean(host, CPU, s, from, to);
      if (m.isPresent() && !Double.isNaN(m.getAsDouble())) {
        byCpu.computeIfAbsent(s.getOrDefault("cpu", ""), k -> new LinkedHashMap<>())
            .merge(s.getOrDefault("mode", ""), m.getAsDouble(), Double::sum);
      }
    }
    return byCpu;
  }

  private static int cpuNumber(String cpu) {
    try {
      return Integer.parseInt(cpu);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  /** One saturated core per GPU of the job on this host. */
  private static String cpuEvidence(RuleInputs in, RunningJob job, Instant from, Instant to, HintRulesConfig c) {
    List<String> saturated = new ArrayList<>();
    for (Map.Entry<String, Map<String, Double>> e : cpuModes(in, job.host(), from, to).entrySet()) {
      Map<String, Double> modes = e.getValue();
      if (!modes.containsKey("idle")) {
        continue;
      }
      double busy = 1 - modes.get("idle") - modes.getOrDefault("iowait", 0.0);
      if (busy >= c.cpuCoreSaturatedRatio()) {
        saturated.add("cpu " + e.getKey() + " " + RuleSupport.percent(busy));
      }
    }
    int needed = job.gpuUuids().size();
    if (saturated.size() < needed) {
      return null;
    }
    return saturated.size() + " CPU core(s) are at or over " + RuleSupport.percent(c.cpuCoreSaturatedRatio())
        + " busy for " + needed + " GPU(s) (" + String.join(", ", saturated.subList(0, Math.min(8, saturated.size())))
        + (saturated.size() > 8 ? ", ..." : "") + ")";
  }

  private static String ioEvidence(RuleInputs in, String host, Instant from, Instant to, HintRulesConfig c) {
    List<String> parts = new ArrayList<>();
    for (Map<String, String> s : in.series(host, DISK_IO_TIME)) {
      OptionalDouble busy = in.mean(host, DISK_IO_TIME, s, from, to);
      if (busy.isPresent() && busy.getAsDouble() >= c.diskBusyRatio()) {
        parts.add("disk " + s.getOrDefault("device", "") + " " + RuleSupport.percent(busy.getAsDouble()) + " busy");
      }
    }
    Map<String, Map<String, Double>> cpus = cpuModes(in, host, from, to);
    if (!cpus.isEmpty()) {
      double iowait = cpus.values().stream().mapToDouble(m -> m.getOrDefault("iowait", 0.0)).sum() / cpus.size();
      if (iowait >= c.iowaitRatio()) {
        parts.add("iowait " + RuleSupport.percent(iowait) + " of CPU time");
      }
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  private static String netEvidence(RuleInputs in, String host, Instant from, Instant to, HintRulesConfig c) {
    List<String> parts = new ArrayList<>();
    for (Map<String, String> rateSeries : in.series(host, IB_RATE)) {
      double lineRate = RuleSupport.latestOrNaN(in, host, IB_RATE, rateSeries);
      if (!(lineRate > 0)) {
        continue;
      }
      for (String metric : List.of(IB_RX, IB_TX)) {
        for (Map<String, String> s : in.series(host, metric)) {
          if (!s.getOrDefault("device", "").equals(rateSeries.get("device"))
              || !s.getOrDefault("port", "").equals(rateSeries.get("port"))) {
            continue;
          }
          OptionalDouble bytes = in.mean(host, metric, s, from, to);
          if (bytes.isPresent() && bytes.getAsDouble() >= c.ibNearLineRateRatio() * lineRate) {
            parts.add(s.get("device") + " port " + s.get("port") + (metric.equals(IB_RX) ? " receives " : " sends ")
                + gbPerSecond(bytes.getAsDouble()) + " of " + gbPerSecond(lineRate));
          }
        }
      }
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  private static String gbPerSecond(double bytesPerSecond) {
    return String.format(java.util.Locale.ROOT, "%.1f GB/s", bytesPerSecond / 1e9);
  }
}
