package io.clusterwatch.agent.jobs.kubernetes.podresources;

import java.util.List;

/** Which container holds which device; empty where the node runs no kubelet. */
@FunctionalInterface
public interface PodDeviceSource {
  List<ContainerDevices> list();
}
