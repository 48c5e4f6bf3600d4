package io.clusterwatch.agent.jobs;

import io.clusterwatch.agent.jobs.podresources.ContainerDevices;
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
 * processes and their cgroup (pod UID and the GPUs actually used). Pod-resources has no pod UID
 * and cgroups have no pod name, so a cgroup pod is matched to the allocation sharing most GPUs.
 */
final class KubernetesJobs {
  /** GPU resources of NVIDIA's device plugin: {@code nvidia.com/gpu}, {@code nvidia.com/mig-<profile>}. */
  static boolean isGpuResource(String resourceName) {
    return resourceName.equals("nvidia.com/gpu") || resourceName.startsWith("nvidia.com/mig-");
  }

  /** A pod seen through an NVML process in its cgroup. */
  static final class CgroupPod {
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

  private KubernetesJobs() {}

  static List<JobInfo> jobs(
      Map<String, CgroupPod> cgroupPods,
      List<ContainerDevices> containerDevices,
      GpuResolver resolver,
      List<GpuDevice> devices,
      ToLongFunction<String> firstSeen) {
    Map<String, Allocation> allocations = new LinkedHashMap<>();
    for (ContainerDevices c : containerDevices) {
      if (!isGpuResource(c.resourceName()) || c.deviceIds().isEmpty()) {
        continue;
      }
      Allocation a = allocations.computeIfAbsent(c.namespace() + "/" + c.pod(), k -> new Allocation(c.namespace(), c.pod()));
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
          attrs.put("gpus_outside_allocation", String.join(",", JobDiscovery.ordered(outside, devices)));
        }
        source = "kubernetes: pod-resources + cgroup pod uid + NVML process list "
            + (outside.isEmpty() ? "agree" : "disagree");
      }
      if (!a.unresolved.isEmpty()) {
        attrs.put("unresolved_gpus", String.join(",", a.unresolved));
      }
      out.add(new JobInfo(e.getKey(), "", a.pod, JobDiscovery.ordered(a.gpus, devices),
          firstSeen.applyAsLong(e.getKey()), source, attrs));
    }
    for (CgroupPod p : unmatched) {
      String id = p.cgroup.podUid();
      Map<String, String> attrs = new LinkedHashMap<>();
      attrs.put("scheduler", "kubernetes");
      attrs.put("pod_uid", id);
      attrs.put("qos", p.cgroup.qos());
      out.add(new JobInfo(id, "", "", JobDiscovery.ordered(p.gpus, devices), firstSeen.applyAsLong(id),
          "kubernetes: cgroup pod uid + NVML process list", attrs));
    }
    return out;
  }
}
