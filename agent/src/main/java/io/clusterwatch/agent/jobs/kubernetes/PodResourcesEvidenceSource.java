package io.clusterwatch.agent.jobs.kubernetes;

import io.clusterwatch.agent.jobs.JobEvidence;
import io.clusterwatch.agent.jobs.JobEvidenceSource;
import io.clusterwatch.agent.jobs.kubernetes.podresources.PodDeviceSource;

/** The kubelet's device assignments: namespace, pod, container and the devices of each resource. */
public final class PodResourcesEvidenceSource implements JobEvidenceSource {
  private final PodDeviceSource devices;

  public PodResourcesEvidenceSource(PodDeviceSource devices) {
    this.devices = devices;
  }

  @Override
  public JobEvidence collect() {
    return JobEvidence.ofPodAllocations(devices.list());
  }
}
