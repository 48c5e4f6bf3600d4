package io.clusterwatch.hub.jobs;

import io.clusterwatch.protocol.Labels;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code job_id} label of the agent's per-job series ({@code job_cpu_seconds_total}, {@code
 * job_pressure_io_waiting_seconds_total}, ...; docs/METRICS.md). The agent labels them with what
 * the job's cgroup path names: the Slurm job id, the SLUID where Slurm names the cgroup by it, or
 * the Kubernetes pod UID, while the job registry may know the job as {@code namespace/pod}. A job
 * therefore owns a labelled series when the label is its id or its {@code sluid} or {@code pod_uid}
 * attribute. Series without the label (node and GPU series) are not per job.
 */
public final class JobIdLabel {
  public static final String NAME = "job_id";
  private static final String[] ALIAS_ATTRIBUTES = {"sluid", "pod_uid"};

  private JobIdLabel() {}

  /** Every value of {@code job_id} that names this job. */
  public static Set<String> ids(String jobId, Map<String, String> attributes) {
    Set<String> out = new LinkedHashSet<>();
    out.add(jobId);
    for (String a : ALIAS_ATTRIBUTES) {
      String v = attributes.get(a);
      if (v != null && !v.isEmpty()) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * False only for a series labelled with another job: a job's view shows its own per-job series
   * and the shared node series, never a neighbour's.
   */
  public static boolean visibleTo(Labels labels, Set<String> jobIds) {
    String v = labels.get(NAME);
    return v == null || jobIds.contains(v);
  }
}
