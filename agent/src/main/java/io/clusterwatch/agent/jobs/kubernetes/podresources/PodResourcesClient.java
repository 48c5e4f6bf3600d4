package io.clusterwatch.agent.jobs.kubernetes.podresources;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The kubelet pod-resources API ({@code v1.PodResourcesLister/List}, GA in Kubernetes 1.28) on its
 * UNIX socket, default {@code /var/lib/kubelet/pod-resources/kubelet.sock}: which container holds
 * which device. Absent socket: empty answer, nothing logged (not a Kubernetes node).
 */
public final class PodResourcesClient implements PodDeviceSource {
  private static final Logger LOG = System.getLogger(PodResourcesClient.class.getName());
  public static final Path DEFAULT_SOCKET = Path.of("/var/lib/kubelet/pod-resources/kubelet.sock");
  static final String LIST = "/v1.PodResourcesLister/List";

  private final Optional<Path> socket;
  private final SocketAddress address;
  private final Duration timeout;

  /** On the kubelet's UNIX socket. */
  public PodResourcesClient(Path socket, Duration timeout) {
    this.socket = Optional.of(socket);
    this.address = UnixDomainSocketAddress.of(socket);
    this.timeout = timeout;
  }

  /** On any socket address (a TCP address for a forwarded socket). */
  public PodResourcesClient(SocketAddress address, Duration timeout) {
    this.socket = Optional.empty();
    this.address = address;
    this.timeout = timeout;
  }

  /** Every container's devices; empty when the socket is absent or the call fails (logged). */
  @Override
  public List<ContainerDevices> list() {
    if (socket.isPresent() && !Files.exists(socket.get())) {
      return List.of();
    }
    try {
      // ListPodResourcesRequest has no fields: an empty message
      return PodResourcesDecoder.decode(GrpcUnaryCall.call(address, LIST, new byte[0], timeout));
    } catch (IOException | IllegalArgumentException e) {
      LOG.log(
          Level.WARNING, "kubelet pod-resources List failed on " + address + ": " + e.getMessage());
      return List.of();
    }
  }
}
