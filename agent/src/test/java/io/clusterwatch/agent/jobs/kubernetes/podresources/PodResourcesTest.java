package io.clusterwatch.agent.jobs.kubernetes.podresources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodResourcesTest {
  /**
   * A List() answer: a GPU pod (two containers, one with MIG devices and NUMA topology), a CPU pod.
   */
  static byte[] answer() {
    Proto topology = Proto.message().message(1, Proto.message().uint(1, 0));
    Proto trainer =
        Proto.message()
            .string(1, "trainer")
            .message(
                2,
                Proto.message()
                    .string(1, "nvidia.com/gpu")
                    .string(2, "GPU-00000000-0000-0000-0000-000000000000")
                    .string(2, "GPU-22222222-2222-2222-2222-222222222222")
                    .message(3, topology))
            .bytes(3, new byte[] {2, 3}) // cpu_ids, packed: skipped
            .message(2, Proto.message().string(1, "example.com/fpga").string(2, "fpga0"));
    Proto sidecar =
        Proto.message()
            .string(1, "sidecar")
            .message(
                2,
                Proto.message()
                    .string(1, "nvidia.com/mig-1g.10gb")
                    .string(2, "MIG-2a2a2a2a-0000-0000-0000-000000000001"));
    Proto gpuPod =
        Proto.message()
            .string(1, "train-0")
            .string(2, "course-a")
            .message(3, trainer)
            .message(3, sidecar)
            .fixed32(9, 7); // a field from a newer kubelet: skipped
    Proto cpuPod =
        Proto.message()
            .string(1, "web")
            .string(2, "default")
            .message(3, Proto.message().string(1, "nginx"));
    return Proto.message().message(1, gpuPod).message(1, cpuPod).build();
  }

  @Test
  void decodesContainersAndTheirDevices() {
    assertEquals(
        List.of(
            new ContainerDevices(
                "course-a",
                "train-0",
                "trainer",
                "nvidia.com/gpu",
                List.of(
                    "GPU-00000000-0000-0000-0000-000000000000",
                    "GPU-22222222-2222-2222-2222-222222222222")),
            new ContainerDevices(
                "course-a", "train-0", "trainer", "example.com/fpga", List.of("fpga0")),
            new ContainerDevices(
                "course-a",
                "train-0",
                "sidecar",
                "nvidia.com/mig-1g.10gb",
                List.of("MIG-2a2a2a2a-0000-0000-0000-000000000001"))),
        PodResourcesDecoder.decode(answer()));
    assertEquals(List.of(), PodResourcesDecoder.decode(new byte[0]));
  }

  @Test
  void malformedMessageIsNamed() {
    byte[] truncated = java.util.Arrays.copyOf(answer(), 20);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PodResourcesDecoder.decode(truncated));
    assertTrue(e.getMessage().startsWith("protobuf: length "), e.getMessage());
  }

  Vertx vertx;

  @AfterEach
  void close() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * An h2c server answering every POST with {@code body} as one gRPC message (or nothing when
   * null).
   */
  private int server(byte[] body, BlockingQueue<String> requests) throws Exception {
    vertx = Vertx.vertx();
    HttpServer server =
        vertx
            .createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true))
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            reqBody -> {
                              requests.add(
                                  req.version()
                                      + " "
                                      + req.method()
                                      + " "
                                      + req.path()
                                      + " "
                                      + req.getHeader("content-type")
                                      + " "
                                      + req.getHeader("te")
                                      + " "
                                      + reqBody.length());
                              req.response().putHeader("content-type", "application/grpc");
                              if (body != null) {
                                ByteBuffer framed =
                                    ByteBuffer.allocate(5 + body.length)
                                        .put((byte) 0)
                                        .putInt(body.length)
                                        .put(body);
                                req.response().write(Buffer.buffer(framed.array()));
                                req.response().putTrailer("grpc-status", "0");
                              } else {
                                req.response()
                                    .putHeader("grpc-status", "12")
                                    .putHeader("grpc-message", "unimplemented");
                              }
                              req.response().end();
                            }));
    return server
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS)
        .actualPort();
  }

  @Test
  void listsOverHttp2WithPriorKnowledge() throws Exception {
    BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    int port = server(answer(), requests);
    PodResourcesClient client =
        new PodResourcesClient(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(20));

    assertEquals(PodResourcesDecoder.decode(answer()), client.list());
    // the empty ListPodResourcesRequest travels as a 5-byte gRPC frame
    assertEquals(
        "HTTP_2 POST /v1.PodResourcesLister/List application/grpc trailers 5",
        requests.poll(20, TimeUnit.SECONDS));
    // a second call on a fresh connection works the same
    assertEquals(3, client.list().size());
  }

  @Test
  void aGrpcErrorWithoutMessageGivesNothing() throws Exception {
    int port = server(null, new LinkedBlockingQueue<>());
    var e =
        assertThrows(
            java.io.IOException.class,
            () ->
                GrpcUnaryCall.call(
                    new InetSocketAddress("127.0.0.1", port),
                    PodResourcesClient.LIST,
                    new byte[0],
                    Duration.ofSeconds(20)));
    assertEquals(
        "/v1.PodResourcesLister/List ended without a response message (a gRPC error)",
        e.getMessage());
    assertEquals(
        List.of(),
        new PodResourcesClient(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(20))
            .list());
  }

  @Test
  void listsOverAUnixSocket(@TempDir Path dir) throws Exception {
    int port = server(answer(), new LinkedBlockingQueue<>());
    Path sock = dir.resolve("kubelet.sock");
    try (UnixToTcpRelay relay =
        new UnixToTcpRelay(sock, new InetSocketAddress("127.0.0.1", port))) {
      assertEquals(
          PodResourcesDecoder.decode(answer()),
          new PodResourcesClient(sock, Duration.ofSeconds(20)).list());
    }
  }

  @Test
  void absentSocketMeansNotKubernetes(@TempDir Path dir) {
    assertEquals(
        List.of(),
        new PodResourcesClient(dir.resolve("kubelet.sock"), Duration.ofSeconds(1)).list());
  }
}
