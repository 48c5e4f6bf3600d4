package io.clusterwatch.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestTables;
import io.clusterwatch.protocol.message.ErrorMessage;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.Welcome;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest.tokens_file} over real sockets: a node's token claims only its hosts, the shared
 * token still claims any, the file is read again when it changes, and refusals say nothing of why
 * but are counted by reason in /metrics.
 */
@ExtendWith(VertxExtension.class)
class TokensFileTest {
  private static final String RACK0 = "9f2c4e1a7b3d5f60a1b2c3d4e5f60718";
  private static final String RACK1 = "0123456789abcdef0123456789abcdef";
  private static final String SHARED = "shared-secret-of-the-site";

  @TempDir Path dir;
  private Path tokens;
  private TestHub hub;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    tokens = dir.resolve("agent-tokens");
    write("# rack 0\n" + RACK0 + " gpu-node-0*\n");
    hub =
        new TestHub(
            vertx,
            new HubConfigReader()
                .read(
                    String.join(
                        "\n",
                        "ingest:",
                        "  token: " + SHARED,
                        "  tokens_file: " + tokens,
                        "  tokens_check_interval: 20ms"),
                    "test.yaml"),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    hub.stop();
  }

  /** Replaces the tokens file in one rename, as an editor or a deployment tool does. */
  private void write(String text) throws Exception {
    Path next = dir.resolve("agent-tokens.next");
    Files.writeString(next, text);
    Files.move(next, tokens, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static Hello hello(String host, String token) {
    return TestAgent.withToken(
        TestAgent.hello(host, "agent-" + host, TestTables.node(1), 0), token);
  }

  private void welcomed(String host, String token) {
    try (TestAgent a = hub.agent()) {
      a.send(hello(host, token));
      a.next(Welcome.class);
    }
  }

  /** The reply to a refused agent, which must be the same whatever was wrong. */
  private ErrorMessage refused(String host, String token) {
    try (TestAgent a = hub.agent()) {
      a.send(hello(host, token));
      ErrorMessage e = a.next(ErrorMessage.class);
      a.awaitClose();
      assertTrue(hub.services.agents().get(host).isEmpty());
      return e;
    }
  }

  @Test
  void aNodeTokenClaimsOnlyItsHostsAndTheSharedTokenAny() {
    welcomed("gpu-node-01", RACK0);
    welcomed("login-1", SHARED);
    ErrorMessage otherHost = refused("gpu-node-11", RACK0);
    ErrorMessage unknown = refused("gpu-node-02", "not-a-token-of-this-site");
    assertEquals("unauthorized", otherHost.code());
    assertEquals(otherHost, unknown, "the reply does not tell a wrong host from a wrong token");
    String metrics = hub.get("/metrics").body();
    assertTrue(
        metrics.contains("clusterwatch_hub_ingest_refused_total{reason=\"host\"} 1.0"), metrics);
    assertTrue(
        metrics.contains("clusterwatch_hub_ingest_refused_total{reason=\"token\"} 1.0"), metrics);
  }

  @Test
  void anEditedFileIsReadAgainAndABrokenOneLeavesTheTableInForce() throws Exception {
    refused("gpu-node-11", RACK1);
    CompletableFuture<Boolean> added = hub.services.credentials().reloads().nextLoad();
    write(RACK0 + " gpu-node-0*\n" + RACK1 + " gpu-node-1?\n");
    assertTrue(added.get(10, TimeUnit.SECONDS));
    welcomed("gpu-node-11", RACK1);

    CompletableFuture<Boolean> broken = hub.services.credentials().reloads().nextLoad();
    write(RACK1 + "\n");
    assertFalse(broken.get(10, TimeUnit.SECONDS));
    welcomed("gpu-node-12", RACK1);
    welcomed("gpu-node-03", RACK0);
  }
}
