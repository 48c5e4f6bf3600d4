package io.clusterwatch.agent.jobs.kubernetes;

import io.clusterwatch.agent.jobs.GpuProcessEvidence;
import io.clusterwatch.agent.jobs.GpuResolver;
import io.clusterwatch.agent.jobs.PodCgroup;
import io.clusterwatch.agent.jobs.kubernetes.podresources.ContainerDevices;
import io.clusterwatch.protocol.message.JobInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Kubernetes pods as jobs, from two sources joined by GPU: the kubelet pod-resources answer
 * (namespace, pod, containers and the GPUs allocated to them, by UUID) and pods found through NVML
 * processes and their cgroup (pod UID and the GPUs actually used). Pod-resources has no pod UID and
 * cgroups have no pod name, so a cgroup pod is matched to the allocation sharing most GPUs. Reads
 * nothing: a function of the evidence.
 */
public final class PodJobMerge {
  /**
   * GPU resources of NVIDIA's device plugin: {@code nvidia.com/gpu}, {@code
   * nvidia.com/mig-<profile>}.
   */
  private static boolean isGpuResource(String resourceName) {
    return resourceName.equals("nvidia.com/gpu") || resourceName.startsWith("nvidia.com/mig-");
  }

  /** A pod seen through an NVML process in its cgroup. */
  private static final class CgroupPod {
    final PodCgroup cgroup;
    final Set<String> gpus = new LinkedHashSet<>();

    CgroupPod(PodCgroup cgroup) {
      this.cgroup = cgroup;
    }
  }

  private static final class Allocation {
    final String namespace;
    final String pod;
    final Set<String> containers = new LinkedHashSet<>();
    final Set<String> gpus = new LinkedHashSet<>();
    final List<String> unresolved = new ArrayList<>();
    CgroupPod matched;

    Allocation(String namespace, String pod) {
      this.namespace = namespace;
      this.pod = pod;
    }
  }

  private PodJobMerge() {}

  /**
   * @param processes NVML processes with their cgroup; those in a pod cgroup count here
   * @param containerDevices the kubelet's device assignments
   * @param firstSeen when a pod was first seen: pod-resources and cgroups tell no start
   */
  public static List<JobInfo> jobs(
      List<GpuProcessEvidence> processes,
      List<ContainerDevices> containerDevices,
      GpuResolver resolver,
      ToLongFunction<String> firstSeen) {
    Map<String, CgroupPod> cgroupPods = new LinkedHashMap<>();
    for (GpuProcessEvidence p : processes) {
      if (p.owner().isPresent() && p.owner().get() instanceof PodCgroup pod) {
        cgroupPods
            .computeIfAbsent(pod.podUid(), u -> new CgroupPod(pod))
            .gpus
            .add(p.process().gpuUuid());
      }
    }
    Map<String, Allocation> allocations = new LinkedHashMap<>();
    for (ContainerDevices c : containerDevices) {
      if (!isGpuResource(c.resourceName()) || c.deviceIds().isEmpty()) {
        continue;
      }
      Allocation a =
          allocations.computeIfAbsent(
              c.namespace() + "/" + c.pod(), k -> new Allocation(c.namespace(), c.pod()));
      a.containers.add(c.container());
      GpuResolver.Resolution r = resolver.resolveAll(c.deviceIds(), false);
      a.gpus.addAll(r.uuids());
      a.unresolved.addAll(r.unresolved());
    }
    List<CgroupPod> unmatched = new ArrayList<>();
    for (CgroupPod p : cgroupPods.values()) {
      Allocation best = null;
      int bestOverlap = 0;
      for (Allocation a : allocations.values()) {
        Set<String> overlap = new LinkedHashSet<>(a.gpus);
        overlap.retainAll(p.gpus);
        if (a.matched == null && overlap.size() > bestOverlap) {
          best = a;
          bestOverlap = overlap.size();
        }
      }
      if (best == null) {
        unmatched.add(p);
      } else {
        best.matched = p;
      }
    }
    List<JobInfo> out = new ArrayList<>();
    for (Map.Entry<String, Allocation> e : allocations.entrySet()) {
      Allocation a = e.getValue();
      Map<String, String> attrs = new LinkedHashMap<>();
      attrs.put("scheduler", "kubernetes");
      attrs.put("namespace", a.namespace);
      attrs.put("pod", a.pod);
      attrs.put("containers", String.join(",", a.containers));
      String source;
      if (a.matched == null) {
        source = "kubernetes: pod-resources only";
      } else {
        attrs.put("pod_uid", a.matched.cgroup.podUid());
        attrs.put("qos", a.matched.cgroup.qos());
        Set<String> outside = new LinkedHashSet<>(a.matched.gpus);
        outside.removeAll(a.gpus);
        if (!outside.isEmpty()) {
          attrs.put("gpus_outside_allocation", String.join(",", resolver.inIndexOrder(outside)));
        }
        source =
            "kubernetes: pod-resources + cgroup pod uid + NVML process list "
                + (outside.isEmpty() ? "agree" : "disagree");
      }
      if (!a.unresolved.isEmpty()) {
        attrs.put("unresolved_gpus", String.join(",", a.unresolved));
      }
      out.add(
          new JobInfo(
              e.getKey(),
              "",
              a.pod,
              resolver.inIndexOrder(a.gpus),
              firstSeen.applyAsLong(e.getKey()),
              source,
              attrs));
    }
    for (CgroupPod p : unmatched) {
      String id = p.cgroup.podUid();
      Map<String, String> attrs = new LinkedHashMap<>();
      attrs.put("scheduler", "kubernetes");
      attrs.put("pod_uid", id);
      attrs.put("qos", p.cgroup.qos());
      out.add(
          new JobInfo(
              id,
              "",
              "",
              resolver.inIndexOrder(p.gpus),
              firstSeen.applyAsLong(id),
              "kubernetes: cgroup pod uid + NVML process list",
              attrs));
    }
    return out;
  }
}
