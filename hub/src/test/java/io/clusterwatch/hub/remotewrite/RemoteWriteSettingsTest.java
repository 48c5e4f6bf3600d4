package io.clusterwatch.hub.remotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.config.ConfigReader;
import io.clusterwatch.common.config.RenamedKeys;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteWriteSettingsTest {
  /** One endpoint in the wrapping record ConfigReader reads files into. */
  record Doc(RemoteWriteSettings[] remoteWrite) {}

  final ConfigReader reader = new ConfigReader(RenamedKeys.none());

  RemoteWriteSettings read(String yaml) {
    return reader.read("remote_write:\n" + yaml, "hub.yaml", Doc.class).remoteWrite()[0];
  }

  @Test
  void readsEveryKeyAsPrometheusSpellsIt() {
    RemoteWriteSettings s =
        read(
            """
          - url: https://vm.example:8428/api/v1/write
            name: vm
            remote_timeout: 10s
            headers: {X-Scope-OrgID: physics}
            basic_auth: {username: hub, password_file: /etc/clusterwatch/vm.pass}
            tls_config: {ca_file: /etc/ssl/site-ca.pem, insecure_skip_verify: false}
            queue_config:
              capacity: 50000
              max_shards: 4
              max_samples_per_send: 500
              batch_send_deadline: 2s
              min_backoff: 100ms
              max_backoff: 10s
              max_wal_lag: 512MiB
            external_labels: {cluster: a100-east}
        """);
    assertEquals("https://vm.example:8428/api/v1/write", s.url());
    assertEquals("vm", s.name());
    assertEquals(Duration.ofSeconds(10), s.remoteTimeout());
    assertEquals(Map.of("X-Scope-OrgID", "physics"), s.headers());
    assertEquals("hub", s.basicAuth().username());
    assertEquals("/etc/clusterwatch/vm.pass", s.basicAuth().passwordFile());
    assertEquals("/etc/ssl/site-ca.pem", s.tlsConfig().caFile());
    assertFalse(s.tlsConfig().insecureSkipVerify());
    assertEquals(
        new RemoteWriteSettings.QueueConfig(
            50_000,
            4,
            500,
            Duration.ofSeconds(2),
            Duration.ofMillis(100),
            Duration.ofSeconds(10),
            ByteSize.ofMiB(512)),
        s.queueConfig());
    assertEquals(Map.of("cluster", "a100-east"), s.externalLabels());
  }

  @Test
  void onlyTheUrlIsRequiredAndTheRestTakesPrometheusDefaults() {
    RemoteWriteSettings s = read("  - url: http://vm:8428/api/v1/write\n");
    assertEquals("vm:8428", s.name());
    assertEquals(ByteSize.ofGiB(4), s.queueConfig().maxWalLag());
    assertEquals(
        new RemoteWriteSettings.QueueConfig(
            10_000, 50, 2000, Duration.ofSeconds(5), Duration.ofMillis(30), Duration.ofSeconds(5)),
        s.queueConfig());
    assertTrue(s.headers().isEmpty());
    assertFalse(s.tlsConfig().insecureSkipVerify());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      - name: x                                              | remote_write[0].url: is required
      - url: vm:8428/api/v1/write                            | remote_write[0].url: must be an http:// or https:// URL
      - {url: 'http://vm/w', queue_config: {max_shards: 0}} | remote_write[0].queue_config.max_shards: must be between 1 and 1000, got 0
      - {url: 'http://vm/w', queue_config: {min_backoff: 2s, max_backoff: 1s}} | remote_write[0].queue_config.max_backoff: must not be shorter than min_backoff
      - {url: 'http://vm/w', queue_config: {capacity: 10}}  | remote_write[0].queue_config.capacity: must hold at least max_samples_per_send (2000)
      - {url: 'http://vm/w', basic_auth: {username: u}}     | remote_write[0].basic_auth.password_file: is required
      - {url: 'http://vm/w', queue_config: {max_wal_lag: 0}} | remote_write[0].queue_config.max_wal_lag: must be more than 0 bytes
      - {url: 'http://vm/w', queue_config: {max_wal_lag: 4GB}} | remote_write[0].queue_config.max_wal_lag
      - {url: 'http://vm/w', queue_size: 5}                 | remote_write[0].queue_size: unknown key
      - {url: 'http://vm/w', external_labels: {__x: y}}     | remote_write[0].external_labels.__x: is not a valid Prometheus label name
      """)
  void badValuesNameTheirKey(String entry, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> read("  " + entry + "\n"));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void hubYamlCarriesTheSectionThroughTheHubLoader() {
    HubConfig c =
        new HubConfigReader()
            .read(
                """
        remote_write:
          - url: http://vm:8428/api/v1/write
            external_labels: {cluster: east}
        """,
                "hub.yaml");
    assertEquals(1, c.remoteWrite().size());
    assertEquals(Map.of("cluster", "east"), c.remoteWrite().get(0).externalLabels());
    assertTrue(new HubConfigReader().read("{}", "hub.yaml").remoteWrite().isEmpty());
    var e =
        assertThrows(
            ConfigException.class,
            () ->
                new HubConfigReader()
                    .read("remote_write:\n  - {url: 'http://vm/w', bogus: 1}\n", "hub.yaml"));
    assertTrue(e.getMessage().contains("remote_write[0].bogus: unknown key"), e.getMessage());
  }
}
