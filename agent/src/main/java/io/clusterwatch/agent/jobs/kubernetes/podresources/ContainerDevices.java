package io.clusterwatch.agent.jobs.kubernetes.podresources;

import java.util.List;

/**
 * Devices of one resource held by one container, from the kubelet pod-resources {@code List()}.
 *
 * @param namespace pod namespace
 * @param pod pod name
 * @param container container name
 * @param resourceName e.g. {@code nvidia.com/gpu}
 * @param deviceIds the device plugin's ids; NVIDIA's plugin uses GPU (or MIG) UUIDs
 */
public record ContainerDevices(
    String namespace, String pod, String container, String resourceName, List<String> deviceIds) {
  public ContainerDevices {
    deviceIds = List.copyOf(deviceIds);
  }
}
