package io.clusterwatch.agent.jobs.kubernetes.podresources;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the kubelet's {@code v1.ListPodResourcesResponse} (k8s.io/kubelet {@code
 * pkg/apis/podresources/v1/api.proto}):
 *
 * <pre>
 * ListPodResourcesResponse { repeated PodResources pod_resources = 1; }
 * PodResources            { string name = 1; string namespace = 2; repeated ContainerResources containers = 3; }
 * ContainerResources      { string name = 1; repeated ContainerDevices devices = 2; ... }
 * ContainerDevices        { string resource_name = 1; repeated string device_ids = 2; TopologyInfo topology = 3; }
 * </pre>
 *
 * CPU ids, memory and dynamic (DRA) resources are skipped.
 */
public final class PodResourcesDecoder {
  private PodResourcesDecoder() {}

  /**
   * @throws IllegalArgumentException naming the byte where the message is malformed
   */
  public static List<ContainerDevices> decode(byte[] message) {
    List<ContainerDevices> out = new ArrayList<>();
    ProtoReader r = new ProtoReader(message);
    while (r.hasMore()) {
      long key = r.key();
      if (ProtoReader.field(key) == 1 && ProtoReader.wireType(key) == 2) {
        pod(r.message(), out);
      } else {
        r.skip(key);
      }
    }
    return out;
  }

  private static void pod(ProtoReader r, List<ContainerDevices> out) {
    String name = "";
    String namespace = "";
    List<ProtoReader> containers = new ArrayList<>();
    while (r.hasMore()) {
      long key = r.key();
      int f = ProtoReader.field(key);
      if (f == 1 && ProtoReader.wireType(key) == 2) {
        name = r.string();
      } else if (f == 2 && ProtoReader.wireType(key) == 2) {
        namespace = r.string();
      } else if (f == 3 && ProtoReader.wireType(key) == 2) {
        containers.add(r.message());
      } else {
        r.skip(key);
      }
    }
    for (ProtoReader c : containers) {
      container(namespace, name, c, out);
    }
  }

  private static void container(
      String namespace, String pod, ProtoReader r, List<ContainerDevices> out) {
    String name = "";
    List<ProtoReader> devices = new ArrayList<>();
    while (r.hasMore()) {
      long key = r.key();
      int f = ProtoReader.field(key);
      if (f == 1 && ProtoReader.wireType(key) == 2) {
        name = r.string();
      } else if (f == 2 && ProtoReader.wireType(key) == 2) {
        devices.add(r.message());
      } else {
        r.skip(key);
      }
    }
    for (ProtoReader d : devices) {
      String resource = "";
      List<String> ids = new ArrayList<>();
      while (d.hasMore()) {
        long key = d.key();
        int f = ProtoReader.field(key);
        if (f == 1 && ProtoReader.wireType(key) == 2) {
          resource = d.string();
        } else if (f == 2 && ProtoReader.wireType(key) == 2) {
          ids.add(d.string());
        } else {
          d.skip(key);
        }
      }
      out.add(new ContainerDevices(namespace, pod, name, resource, ids));
    }
  }
}
