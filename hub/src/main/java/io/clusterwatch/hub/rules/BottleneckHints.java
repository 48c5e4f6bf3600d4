package io.clusterwatch.hub.rules;

import io.clusterwatch.hub.jobs.JobIdLabel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Hints shown on the job page while a job runs (group {@code hint}, severity INFO): its GPUs are
 * mostly idle while something else on the node is at its limit. Means are over {@link
 * HintRulesConfig#window()} (from the job's start when younger), judged only after the idle rules'
 * minimum runtime. Where the job's GPUs report SM activity (NVML GPM) that is the measure of GPU
 * work, as utilisation reads full for a kernel that merely waits; otherwise utilisation.
 *
 * <p>The evidence is the job's own where its agent reads the job's cgroup: pressure stall
 * information says how much of the time the job's tasks waited ({@code job_pressure_*}, a share of
 * wall time once the hub turns the counter into a rate). "I/O bound?" then rests on the job's I/O
 * pressure alone: a disk kept busy by a neighbour on a shared node is not this job's bottleneck.
 * "Data loading?" shows when the job's tasks waited for CPU at least {@link #JOB_CPU_WAITING_RATIO}
 * of the time; without that it falls back to saturated cores of the node, as a loader with too few
 * workers keeps its cores busy without waiting for more. Without per-job series (cgroup v1 has no
 * PSI, or no cgroup) both use node-wide figures: busy disks, iowait, saturated cores.
 */
public final class BottleneckHints {
  static final String CPU = "cpu_seconds_total";
  static final String DISK_IO_TIME = "disk_io_time_seconds_total";
  static final String IB_RX = "infiniband_port_data_received_bytes_total";
  static final String IB_TX = "infiniband_port_data_transmitted_bytes_total";
  static final String IB_RATE = "infiniband_rate_bytes_per_second";
  static final String JOB_IO_WAITING = "job_pressure_io_waiting_seconds_total";
  static final String JOB_CPU_WAITING = "job_pressure_cpu_waiting_seconds_total";
  static final String JOB_CPU = "job_cpu_seconds_total";

  /**
   * The job's tasks waiting for CPU this share of the time is a data-loading bottleneck: the
   * default of {@code iowait_ratio}, the share of waiting the I/O hints call high.
   */
  static final double JOB_CPU_WAITING_RATIO = 0.2;

  private BottleneckHints() {}

  public static List<Rule> create(HintRulesConfig c, Duration minRuntime) {
    return List.of(
        new DefinedRule(
            "hint_data_loading",
            "hint",
            c.holdFor(),
            (in, now) -> evaluate(in, now, c, minRuntime, Kind.CPU)),
        new DefinedRule(
            "hint_io_bound",
            "hint",
            c.holdFor(),
            (in, now) -> evaluate(in, now, c, minRuntime, Kind.IO)),
        new DefinedRule(
            "hint_network_bound",
            "hint",
            c.holdFor(),
            (in, now) -> evaluate(in, now, c, minRuntime, Kind.NET)));
  }

  private enum Kind {
    CPU,
    IO,
    NET
  }

  private static List<RuleHit> evaluate(
      RuleInputs in, Instant now, HintRulesConfig c, Duration minRuntime, Kind kind) {
    List<RuleHit> hits = new ArrayList<>();
    for (RunningJob job : in.runningJobs()) {
      if (job.gpuUuids().isEmpty()
          || Duration.between(job.start(), now).compareTo(minRuntime) < 0) {
        continue;
      }
      Instant from = RuleSupport.later(job.start(), now.minus(c.window()));
      boolean bySm = allReport(in, job, IdleRules.SM_ACTIVE);
      OptionalDouble gpuMean =
          gpuMean(in, job, bySm ? IdleRules.SM_ACTIVE : IdleRules.UTIL, from, now);
      if (gpuMean.isEmpty() || gpuMean.getAsDouble() >= c.gpuIdleBelowRatio()) {
        continue;
      }
      String gpuShare =
          "GPUs " + RuleSupport.percent(gpuMean.getAsDouble()) + (bySm ? " SM activity" : " busy");
      String window = SpokenDuration.format(Duration.between(from, now));
      String question =
          kind == Kind.CPU ? "data loading?" : kind == Kind.IO ? "I/O bound?" : "network bound?";
      String text = null;
      if (kind == Kind.CPU) {
        String own = jobCpuEvidence(in, job, from, now);
        String node = own == null ? cpuEvidence(in, job, from, now, c) : null;
        text =
            own != null
                ? gpuShare + " while " + own + " over " + window
                : node != null ? gpuShare + " over " + window + " while " + node : null;
      } else if (kind == Kind.IO) {
        OptionalDouble waited = jobShare(in, job, JOB_IO_WAITING, from, now);
        if (waited.isPresent()) {
          if (waited.getAsDouble() >= c.iowaitRatio()) {
            text =
                gpuShare
                    + " while the job's tasks waited for I/O "
                    + RuleSupport.percent(waited.getAsDouble())
                    + " of the time over "
                    + window;
          }
        } else {
          String node = ioEvidence(in, job.host(), from, now, c);
          text = node == null ? null : gpuShare + " over " + window + " while " + node;
        }
      } else {
        String node = netEvidence(in, job.host(), from, now, c);
        text = node == null ? null : gpuShare + " over " + window + " while " + node;
      }
      if (text != null) {
        hits.add(
            new RuleHit(
                RuleSupport.jobLabels(job),
                Severity.INFO,
                question + " " + text,
                gpuMean.getAsDouble()));
      }
    }
    return hits;
  }

  /**
   * Mean rate of the job's own {@code job_id}-labelled counter on its host over the window: for a
   * pressure counter in seconds, the share of the time its tasks waited. Empty without the series.
   */
  private static OptionalDouble jobShare(
      RuleInputs in, RunningJob job, String metric, Instant from, Instant to) {
    Set<String> ids = JobIdLabel.ids(job.jobId(), job.attributes());
    for (Map<String, String> s : in.series(job.host(), metric)) {
      if (ids.contains(s.get(JobIdLabel.NAME))) {
        OptionalDouble m = in.mean(job.host(), metric, s, from, to);
        if (m.isPresent() && !Double.isNaN(m.getAsDouble())) {
          return m;
        }
      }
    }
    return OptionalDouble.empty();
  }

  /**
   * "the job's tasks waited for CPU 35 % of the time (using 7.8 cores)", or null below the line.
   */
  private static String jobCpuEvidence(RuleInputs in, RunningJob job, Instant from, Instant to) {
    OptionalDouble waited = jobShare(in, job, JOB_CPU_WAITING, from, to);
    if (waited.isEmpty() || waited.getAsDouble() < JOB_CPU_WAITING_RATIO) {
      return null;
    }
    Set<String> ids = JobIdLabel.ids(job.jobId(), job.attributes());
    double cores = 0;
    boolean anyCpu = false;
    for (Map<String, String> s : in.series(job.host(), JOB_CPU)) {
      if (ids.contains(s.get(JobIdLabel.NAME))) {
        OptionalDouble m = in.mean(job.host(), JOB_CPU, s, from, to);
        if (m.isPresent() && !Double.isNaN(m.getAsDouble())) {
          cores += m.getAsDouble();
          anyCpu = true;
        }
      }
    }
    return "the job's tasks waited for CPU "
        + RuleSupport.percent(waited.getAsDouble())
        + " of the time"
        + (anyCpu ? String.format(java.util.Locale.ROOT, " (using %.1f cores)", cores) : "");
  }

  /** True when every GPU of the job has a series of {@code metric}. */
  private static boolean allReport(RuleInputs in, RunningJob job, String metric) {
    return job.gpuUuids().stream()
        .allMatch(uuid -> RuleSupport.gpuSeries(in, job.host(), metric, uuid).isPresent());
  }

  private static OptionalDouble gpuMean(
      RuleInputs in, RunningJob job, String metric, Instant from, Instant to) {
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

  /**
   * Per core: mean seconds per second in each mode, from {@code cpu_seconds_total{cpu,mode}} rates.
   */
  private static Map<String, Map<String, Double>> cpuModes(
      RuleInputs in, String host, Instant from, Instant to) {
    Map<String, Map<String, Double>> byCpu =
        new TreeMap<>(Comparator.comparingInt(BottleneckHints::cpuNumber));
    for (Map<String, String> s : in.series(host, CPU)) {
      OptionalDouble m = in.mean(host, CPU, s, from, to);
      if (m.isPresent() && !Double.isNaN(m.getAsDouble())) {
        byCpu
            .computeIfAbsent(s.getOrDefault("cpu", ""), k -> new LinkedHashMap<>())
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
  private static String cpuEvidence(
      RuleInputs in, RunningJob job, Instant from, Instant to, HintRulesConfig c) {
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
    return saturated.size()
        + " CPU core(s) are at or over "
        + RuleSupport.percent(c.cpuCoreSaturatedRatio())
        + " busy for "
        + needed
        + " GPU(s) ("
        + String.join(", ", saturated.subList(0, Math.min(8, saturated.size())))
        + (saturated.size() > 8 ? ", ..." : "")
        + ")";
  }

  private static String ioEvidence(
      RuleInputs in, String host, Instant from, Instant to, HintRulesConfig c) {
    List<String> parts = new ArrayList<>();
    for (Map<String, String> s : in.series(host, DISK_IO_TIME)) {
      OptionalDouble busy = in.mean(host, DISK_IO_TIME, s, from, to);
      if (busy.isPresent() && busy.getAsDouble() >= c.diskBusyRatio()) {
        parts.add(
            "disk "
                + s.getOrDefault("device", "")
                + " "
                + RuleSupport.percent(busy.getAsDouble())
                + " busy");
      }
    }
    Map<String, Map<String, Double>> cpus = cpuModes(in, host, from, to);
    if (!cpus.isEmpty()) {
      double iowait =
          cpus.values().stream().mapToDouble(m -> m.getOrDefault("iowait", 0.0)).sum()
              / cpus.size();
      if (iowait >= c.iowaitRatio()) {
        parts.add("iowait " + RuleSupport.percent(iowait) + " of CPU time");
      }
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  private static String netEvidence(
      RuleInputs in, String host, Instant from, Instant to, HintRulesConfig c) {
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
            parts.add(
                s.get("device")
                    + " port "
                    + s.get("port")
                    + (metric.equals(IB_RX) ? " receives " : " sends ")
                    + gbPerSecond(bytes.getAsDouble())
                    + " of "
                    + gbPerSecond(lineRate));
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
