package io.clusterwatch.agent.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.agent.collect.CollectorRegistry;
import io.clusterwatch.agent.collect.DefaultCollectors;
import io.clusterwatch.agent.config.AgentConfigReader;
import io.clusterwatch.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code hub.token_file}, {@code ca_file}, {@code cert_file} and {@code key_file} as written. */
class HubCredentialFilesTest {
  @TempDir Path dir;

  private static HubSettings hub(String yaml) {
    return new AgentConfigReader()
        .read("hub:\n" + yaml, "agent.yaml", new CollectorRegistry(DefaultCollectors.factories()))
        .config()
        .hub();
  }

  @Test
  void theTokenFileIsReadWithoutItsTrailingNewline() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "9f2c4e1a7b3d5f60a1b2c3d4e5f60718\n");
    HubSettings s = hub("  url: wss://hub:8443/ingest\n  token_file: " + token + "\n");
    assertEquals("9f2c4e1a7b3d5f60a1b2c3d4e5f60718", HubTls.token(s));
    assertNull(HubTls.socketFactory(s), "no CA and no certificate: the JDK's default");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | the file is empty",
        "'\n\n' | the file is empty",
        "'a\nb\n' | expected one line, found several",
      })
  void aTokenFileWithoutOneTokenStopsTheAgent(String text, String problem) throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, text);
    HubSettings s = hub("  url: ws://hub:8080/ingest\n  token_file: " + token + "\n");
    ConfigException e = assertThrows(ConfigException.class, () -> HubTls.token(s));
    assertEquals("hub.token_file: " + token + ": " + problem, e.getMessage());
  }

  @Test
  void aMissingTokenFileOrCaFileIsNamed() {
    Path missing = dir.resolve("missing");
    HubSettings s =
        hub(
            "  url: wss://hub:8443/ingest\n  token_file: "
                + missing
                + "\n  ca_file: "
                + missing
                + "\n");
    assertEquals(
        "hub.token_file: " + missing + ": no such file",
        assertThrows(ConfigException.class, () -> HubTls.token(s)).getMessage());
    assertEquals(
        "hub.ca_file: " + missing + ": no such file",
        assertThrows(ConfigException.class, () -> HubTls.socketFactory(s)).getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{url: 'ws://h:1/ingest', token: t, token_file: /t} | agent.yaml: hub.token_file: set token"
            + " or token_file, not both",
        "{url: 'wss://h:1/ingest', cert_file: /c} | agent.yaml: hub.key_file: a client certificate"
            + " needs both cert_file and key_file",
        "{url: 'ws://h:1/ingest', ca_file: /ca} | agent.yaml: hub.ca_file: applies to a wss:// hub"
            + " only, but url is 'ws://h:1/ingest'",
      })
  void inconsistentKeysAreNamed(String section, String message) {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                new AgentConfigReader()
                    .read(
                        "hub: " + section,
                        "agent.yaml",
                        new CollectorRegistry(DefaultCollectors.factories())));
    assertEquals(message, e.getMessage());
  }
}
