package io.clusterwatch.hub.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/** Wasted GPUs of running jobs (group {@code idle}); thresholds from {@link IdleRulesConfig}. */
public final class IdleRules {
  static final String UTIL = "gpu_utilization_ratio";
  static final String PROCESSES = "gpu_compute_processes";

  /** NVML GPM's SM activity (Hopper and later); absent on older GPUs. */
  static final String SM_ACTIVE = "gpu_sm_active_ratio";

  /** "100 % utilisation": NVML reports whole percents, so this allows one step of rounding. */
  static final double BUSY_UTIL_MIN_RATIO = 0.99;

  /**
   * SM activity under this while utilisation is full: kernels are resident but nothing computes.
   */
  static final double BUSY_SM_ACTIVE_BELOW_RATIO = 0.05;

  static final Duration BUSY_NOT_COMPUTING_FOR = Duration.ofMinutes(10);

  private IdleRules() {}

  public static List<Rule> create(IdleRulesConfig c) {
    return List.of(
        new DefinedRule(
            "gpu_allocated_no_process", "idle", c.noProcessFor(), (in, now) -> noProcess(in)),
        new DefinedRule(
            "gpu_process_idle", "idle", c.lowUtilFor(), (in, now) -> processIdle(in, c)),
        new DefinedRule(
            "gpu_low_mean_utilization", "idle", Duration.ZERO, (in, now) -> lowMean(in, now, c)),
        new DefinedRule(
            "gpu_process_outside_allocation", "idle", Duration.ZERO, (in, now) -> outside(in)),
        new DefinedRule(
            "gpu_busy_not_computing",
            "idle",
            BUSY_NOT_COMPUTING_FOR,
            (in, now) -> busyNotComputing(in)));
  }

  /**
   * One entry per GPU of a running job: the job, the GPU's labels (from its utilisation series).
   */
  private record JobGpu(RunningJob job, String uuid, Map<String, String> labels) {
    /** "GPU 0 (GPU-a) on gpu01": how every idle summary names the GPU. */
    String where() {
      return RuleSupport.gpuName(labels) + " on " + job.host();
    }

    /** "GPU 0 (GPU-a) on gpu01: job 4242", the start of the summaries about the job's use. */
    String whereJob() {
      return where() + ": job " + job.jobId();
    }

    RuleHit hit(Severity severity, String summary, double value) {
      return new RuleHit(labels, severity, summary, value);
    }
  }

  private static List<JobGpu> jobGpus(RuleInputs in) {
    List<JobGpu> out = new ArrayList<>();
    for (RunningJob j : in.runningJobs()) {
      for (String uuid : j.gpuUuids()) {
        Map<String, String> l = new LinkedHashMap<>(RuleSupport.jobLabels(j));
        l.put("gpu_uuid", uuid);
        RuleSupport.seriesWith(in, j.host(), UTIL, "gpu_uuid", uuid)
            .map(s -> s.get("gpu"))
            .ifPresent(idx -> l.put("gpu", idx));
        out.add(new JobGpu(j, uuid, l));
      }
    }
    return out;
  }

  /** The hits of one rule that judges each GPU of each running job on its own. */
  private static List<RuleHit> eachGpu(RuleInputs in, Function<JobGpu, Optional<RuleHit>> judge) {
    List<RuleHit> hits = new ArrayList<>();
    for (JobGpu g : jobGpus(in)) {
      judge.apply(g).ifPresent(hits::add);
    }
    return hits;
  }

  /** The latest value of the GPU's series of {@code metric} labelled with its {@code gpu_uuid}. */
  private static OptionalDouble latest(RuleInputs in, JobGpu g, String metric) {
    return latest(
        in, g, metric, RuleSupport.seriesWith(in, g.job().host(), metric, "gpu_uuid", g.uuid()));
  }

  private static OptionalDouble latest(
      RuleInputs in, JobGpu g, String metric, Optional<Map<String, String>> series) {
    return series.isEmpty()
        ? OptionalDouble.empty()
        : in.latest(g.job().host(), metric, series.get());
  }

  private static List<RuleHit> noProcess(RuleInputs in) {
    return eachGpu(
        in,
        g -> {
          OptionalDouble procs = latest(in, g, PROCESSES);
          if (procs.isPresent() && procs.getAsDouble() == 0) {
            return Optional.of(
                g.hit(
                    Severity.WARNING,
                    g.where() + " is allocated to job " + g.job().jobId() + " but runs no process",
                    0));
          }
          return Optional.empty();
        });
  }

  private static List<RuleHit> processIdle(RuleInputs in, IdleRulesConfig c) {
    return eachGpu(
        in,
        g -> {
          OptionalDouble procs = latest(in, g, PROCESSES);
          OptionalDouble util = latest(in, g, UTIL);
          if (procs.isPresent()
              && procs.getAsDouble() > 0
              && util.isPresent()
              && util.getAsDouble() <= c.lowUtilMaxRatio()) {
            return Optional.of(
                g.hit(
                    Severity.WARNING,
                    g.whereJob()
                        + " holds it with "
                        + (long) procs.getAsDouble()
                        + " process(es) at "
                        + RuleSupport.percent(util.getAsDouble())
                        + " utilisation (idle at <= "
                        + RuleSupport.percent(c.lowUtilMaxRatio())
                        + ")",
                    util.getAsDouble()));
          }
          return Optional.empty();
        });
  }

  private static List<RuleHit> lowMean(RuleInputs in, Instant now, IdleRulesConfig c) {
    return eachGpu(
        in,
        g -> {
          if (Duration.between(g.job().start(), now).compareTo(c.minRuntime()) < 0) {
            return Optional.empty();
          }
          Optional<Map<String, String>> s =
              RuleSupport.seriesWith(in, g.job().host(), UTIL, "gpu_uuid", g.uuid());
          if (s.isEmpty()) {
            return Optional.empty();
          }
          Instant from = RuleSupport.later(g.job().start(), now.minus(c.meanUtilWindow()));
          OptionalDouble mean = in.mean(g.job().host(), UTIL, s.get(), from, now);
          if (mean.isPresent() && mean.getAsDouble() < c.meanUtilBelowRatio()) {
            return Optional.of(
                g.hit(
                    Severity.INFO,
                    g.whereJob()
                        + " averaged "
                        + RuleSupport.percent(mean.getAsDouble())
                        + " utilisation over the last "
                        + SpokenDuration.format(Duration.between(from, now))
                        + " (low under "
                        + RuleSupport.percent(c.meanUtilBelowRatio())
                        + ")",
                    mean.getAsDouble()));
          }
          return Optional.empty();
        });
  }

  /**
   * Utilisation only says that some kernel ran; a rank spinning in a hung collective keeps it at
   * 100 %. Where the GPU reports SM activity (GPM), full utilisation with almost no active SMs is
   * "busy but not computing". GPUs without SM activity are never judged by this rule.
   */
  private static List<RuleHit> busyNotComputing(RuleInputs in) {
    return eachGpu(
        in,
        g -> {
          OptionalDouble util = latest(in, g, UTIL);
          OptionalDouble sm =
              latest(
                  in, g, SM_ACTIVE, RuleSupport.gpuSeries(in, g.job().host(), SM_ACTIVE, g.uuid()));
          if (util.isPresent()
              && sm.isPresent()
              && util.getAsDouble() >= BUSY_UTIL_MIN_RATIO
              && sm.getAsDouble() < BUSY_SM_ACTIVE_BELOW_RATIO) {
            return Optional.of(
                g.hit(
                    Severity.WARNING,
                    g.whereJob()
                        + " keeps it "
                        + RuleSupport.percent(util.getAsDouble())
                        + " utilised with only "
                        + RuleSupport.percent(sm.getAsDouble())
                        + " SM activity: busy but not computing"
                        + " (kernels waiting, e.g. on a stuck collective)",
                    sm.getAsDouble()));
          }
          return Optional.empty();
        });
  }

  private static List<RuleHit> outside(RuleInputs in) {
    List<RuleHit> hits = new ArrayList<>();
    for (RunningJob j : in.runningJobs()) {
      String list = j.attributes().getOrDefault("gpus_outside_allocation", "");
      for (String uuid : list.split(",")) {
        if (uuid.isBlank()) {
          continue;
        }
        Map<String, String> l = new LinkedHashMap<>(RuleSupport.jobLabels(j));
        l.put("gpu_uuid", uuid.trim());
        hits.add(
            new RuleHit(
                l,
                Severity.WARNING,
                "job "
                    + j.jobId()
                    + " runs a process on "
                    + uuid.trim()
                    + " of "
                    + j.host()
                    + ", a GPU not allocated to it",
                Double.NaN));
      }
    }
    return hits;
  }
}
