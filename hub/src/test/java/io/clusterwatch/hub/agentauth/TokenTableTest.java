package io.clusterwatch.hub.agentauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.hub.ingest.IngestSettings;
import io.clusterwatch.hub.reload.ReloadMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tokens file as a site writes it, and which token may then claim which host. */
class TokenTableTest {
  private static final String NODES_0X = "9f2c4e1a7b3d5f60a1b2c3d4e5f60718";
  private static final String NODE_11 = "0123456789abcdef0123456789abcdef";
  private static final String SHARED = "shared-secret-of-the-site";

  @TempDir Path dir;

  private AgentCredentials credentials(String shared, String fileText) throws Exception {
    Path file = dir.resolve("tokens");
    Files.writeString(file, fileText);
    IngestSettings s =
        new IngestSettings(shared, null, null, null, null, null, file.toString(), null, null);
    return AgentCredentials.load(s, new ReloadMeters(new SimpleMeterRegistry()));
  }

  private static final String FILE =
      String.join(
          "\n",
          "# per-node tokens, issued with openssl rand -hex 32",
          "",
          NODES_0X + "   gpu-node-0*",
          "  " + NODE_11 + "\tgpu-node-11   ",
          "   # an indented comment",
          "");

  @ParameterizedTest(name = "{0} claiming {1}")
  @CsvSource(
      nullValues = "ok",
      value = {
        NODES_0X + ", gpu-node-01, ok",
        NODES_0X + ", GPU-NODE-07, ok",
        NODES_0X + ", gpu-node-11, HOST",
        NODES_0X + ", gpu-node-0, ok",
        NODES_0X + ", login-0, HOST",
        NODE_11 + ", gpu-node-11, ok",
        NODE_11 + ", gpu-node-111, HOST",
        SHARED + ", anything-at-all, ok",
        "0123456789abcdef0123456789abcdeF, gpu-node-11, TOKEN",
        "'', gpu-node-01, TOKEN",
        "gpu-node-0*, gpu-node-01, TOKEN",
      })
  void aTokenClaimsOnlyTheHostsItsGlobMatches(String token, String host, Refusal expected)
      throws Exception {
    assertEquals(expected, credentials(SHARED, FILE).check(token, host));
  }

  @Test
  void withoutTheSharedTokenOnlyTheFileCounts() throws Exception {
    AgentCredentials c = credentials("", FILE);
    assertNull(c.check(NODE_11, "gpu-node-11"));
    assertEquals(Refusal.TOKEN, c.check("", "gpu-node-11"));
  }

  @Test
  void withNeitherEveryAgentIsLetIn() {
    AgentCredentials c =
        AgentCredentials.load(
            IngestSettings.defaults(), new ReloadMeters(new SimpleMeterRegistry()));
    assertNull(c.check("", "gpu-node-01"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "only-a-token-0123456789 | expected 'TOKEN HOST_GLOB', found 1 fields",
        "0123456789abcdef0123456789abcdef node-1 extra | expected 'TOKEN HOST_GLOB',"
            + " found 3 fields",
        "short node-1 | a token must be at least 16 printable characters (make one with"
            + " 'openssl rand -hex 32')",
        "0123456789abcdef0123456789abcdef node/1 | host glob must be host name"
            + " characters (letters, digits, '.', '-', '_') with * and ?, got 'node/1'",
      })
  void aBadLineIsAnErrorNamingTheFileAndLine(String line, String message) throws Exception {
    ConfigException e =
        assertThrows(ConfigException.class, () -> credentials("", "# first\n" + line + "\n"));
    assertEquals("ingest.tokens_file", e.key());
    assertEquals(dir.resolve("tokens") + ":2: " + message, e.problem());
  }

  @Test
  void aMissingFileIsAnErrorNamingIt() {
    Path missing = dir.resolve("nope");
    IngestSettings s =
        new IngestSettings(null, null, null, null, null, null, missing.toString(), null, null);
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> AgentCredentials.load(s, new ReloadMeters(new SimpleMeterRegistry())));
    assertEquals("ingest.tokens_file: " + missing + ": no such file", e.getMessage());
  }

  @Test
  void globsMatchWholeNamesWithoutRegardToCase() {
    HostGlob g = HostGlob.parse("rack?-gpu.*");
    assertEquals(
        List.of(true, true, false, false),
        List.of(
            g.matches("rack1-gpu.example.org"),
            g.matches("RACK2-GPU.x"),
            g.matches("rack12-gpu.x"),
            g.matches("rack1-gpuXx")));
  }
}
