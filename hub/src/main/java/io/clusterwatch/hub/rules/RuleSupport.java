package io.clusterwatch.hub.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lookups and label building shared by the rule sets. */
final class RuleSupport {
  /** Job attributes copied into alert labels, besides {@code job_id} and {@code user}. */
  static final List<String> JOB_LABEL_ATTRIBUTES =
      List.of("account", "partition", "reservation", "namespace");

  private RuleSupport() {}

  /** The series of {@code metric} on {@code host} whose label {@code key} is {@code value}. */
  static Optional<Map<String, String>> seriesWith(
      RuleInputs in, String host, String metric, String key, String value) {
    return in.series(host, metric).stream().filter(l -> value.equals(l.get(key))).findFirst();
  }

  /**
   * The series of {@code metric} of one GPU by UUID: the whole GPU's (no {@code mig_uuid} label)
   * for a GPU UUID, the MIG instance's for a {@code MIG-} UUID. Profiling series exist for both.
   */
  static Optional<Map<String, String>> gpuSeries(
      RuleInputs in, String host, String metric, String uuid) {
    return in.series(host, metric).stream()
        .filter(
            l ->
                uuid.equals(l.get("mig_uuid"))
                    || (uuid.equals(l.get("gpu_uuid")) && !l.containsKey("mig_uuid")))
        .findFirst();
  }

  static double latestOrNaN(RuleInputs in, String host, String metric, Map<String, String> labels) {
    return in.latest(host, metric, labels).orElse(Double.NaN);
  }

  /** {@code host}, {@code job_id}, {@code user} and the job's account, partition, ... */
  static Map<String, String> jobLabels(RunningJob job) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("host", job.host());
    l.put("job_id", job.jobId());
    if (!job.user().isEmpty()) {
      l.put("user", job.user());
    }
    for (String a : JOB_LABEL_ATTRIBUTES) {
      String v = job.attributes().get(a);
      if (v != null && !v.isEmpty()) {
        l.put(a, v);
      }
    }
    return l;
  }

  /** Which job holds which GPU, for labelling hardware alerts with their job. */
  static Map<String, RunningJob> jobsByGpu(RuleInputs in) {
    Map<String, RunningJob> m = new HashMap<>();
    for (RunningJob j : in.runningJobs()) {
      for (String uuid : j.gpuUuids()) {
        m.put(j.host() + "\n" + uuid, j);
      }
    }
    return m;
  }

  /** Labels for a GPU alert: host, gpu_uuid (and gpu index when known), plus its job's labels. */
  static Map<String, String> gpuLabels(
      String host, Map<String, String> seriesLabels, Map<String, RunningJob> jobsByGpu) {
    Map<String, String> l = new LinkedHashMap<>();
    String uuid = seriesLabels.getOrDefault("gpu_uuid", "");
    RunningJob job = jobsByGpu.get(host + "\n" + uuid);
    if (job != null) {
      l.putAll(jobLabels(job));
    }
    l.put("host", host);
    l.put("gpu_uuid", uuid);
    if (seriesLabels.containsKey("gpu")) {
      l.put("gpu", seriesLabels.get("gpu"));
    }
    return l;
  }

  static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static String percent(double ratio) {
    return Math.round(ratio * 100) + " %";
  }

  /** A GPU named for people: its index when known, else its UUID. */
  static String gpuName(Map<String, String> labels) {
    String idx = labels.get("gpu");
    return idx != null
        ? "GPU " + idx + " (" + labels.get("gpu_uuid") + ")"
        : labels.get("gpu_uuid");
  }
}
