package io.clusterwatch.agent.jobs.slurm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one discovery pass learnt about one Slurm job, and how it combines into a GPU list and
 * a {@code source} text that says which evidence was found and whether it agrees.
 */
final class SlurmJobEvidence {
  String jobId;
  String sluid = "";
  String uid = "";
  String user = "";
  String name = "";
  final Map<String, String> attributes = new LinkedHashMap<>();
  boolean cgroupSeen;

  /** Known only from squeue's listing of this node. */
  boolean squeueSeen;

  boolean environmentSeen;

  /** GPUs where NVML lists a process of this job (found through its cgroup or environment). */
  final Set<String> processGpus = new LinkedHashSet<>();

  Set<String> prologGpus;
  Set<String> scontrolGpus;
  Set<String> environmentGpus;
  final List<String> unresolved = new ArrayList<>();
  long startMs;

  SlurmJobEvidence(String jobId) {
    this.jobId = jobId;
  }

  void addEnvironmentGpus(Set<String> gpus) {
    if (environmentGpus == null) {
      environmentGpus = new LinkedHashSet<>();
    }
    environmentGpus.addAll(gpus);
  }

  /** The allocation sets that were found: prolog, scontrol, environment. */
  private List<Set<String>> allocations() {
    List<Set<String>> a = new ArrayList<>();
    if (prologGpus != null) {
      a.add(prologGpus);
    }
    if (scontrolGpus != null) {
      a.add(scontrolGpus);
    }
    if (environmentGpus != null) {
      a.add(environmentGpus);
    }
    return a;
  }

  /** Allocated GPUs when any source names them, else the GPUs its processes use. */
  Set<String> gpus() {
    Set<String> out = new LinkedHashSet<>();
    allocations().forEach(out::addAll);
    if (out.isEmpty()) {
      out.addAll(processGpus);
    }
    return out;
  }

  /** GPUs its processes use that no allocation source names. */
  Set<String> gpusOutsideAllocation() {
    Set<String> allocated = new LinkedHashSet<>();
    allocations().forEach(allocated::addAll);
    if (allocated.isEmpty()) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>(processGpus);
    out.removeAll(allocated);
    return out;
  }

  String source() {
    List<String> labels = new ArrayList<>();
    if (squeueSeen) {
      labels.add("squeue");
    }
    if (cgroupSeen && !processGpus.isEmpty()) {
      labels.add("cgroup + NVML process list");
    } else if (cgroupSeen) {
      labels.add("cgroup");
    } else if (!processGpus.isEmpty()) {
      labels.add("NVML process list");
    }
    if (prologGpus != null) {
      labels.add("prolog");
    }
    if (scontrolGpus != null) {
      labels.add("scontrol");
    }
    if (environmentSeen) {
      labels.add("environment");
    }
    List<Set<String>> alloc = allocations();
    boolean anyGpuEvidence = !alloc.isEmpty() || !processGpus.isEmpty();
    String text = "slurm: " + String.join(" + ", labels);
    if (!anyGpuEvidence) {
      return text + " (no GPU information)";
    }
    if (labels.size() == 1) {
      return text + " only";
    }
    boolean agree =
        alloc.stream().allMatch(s -> s.equals(alloc.get(0)))
            && (alloc.isEmpty() || alloc.get(0).containsAll(processGpus));
    return text + (agree ? " agree" : " disagree");
  }
}
