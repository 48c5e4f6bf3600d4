package io.clusterwatch.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {
  @Test
  void flagsOverrideTheConfiguration() {
    CommandLine cl =
        CommandLine.parse(
            "--config", "/etc/clusterwatch/agent.yaml", "--procfs", "/f/proc", "--sysfs=/f/sys",
            "--gpu", "nvml", "--nvml-lib", "/tmp/libnvidia-ml.so", "--nvidia-smi", "/opt/smi",
            "--hub", "ws://hub:8080/ingest", "--interval", "2s", "--listen", "127.0.0.1:0",
            "--hostname", "n01", "--once", "--format", "json");
    assertEquals(Path.of("/etc/clusterwatch/agent.yaml"), cl.configFile());
    assertTrue(cl.once());
    assertEquals("json", cl.format());
    AgentConfig base = AgentConfig.defaults();
    AgentConfig c = cl.applyTo(ConfigOverrides.gpuBackend(base, "none"));
    assertEquals(Path.of("/f/proc"), c.procfs());
    assertEquals(Path.of("/f/sys"), c.sysfs());
    assertEquals("nvml", c.gpu().backend());
    assertTrue(c.gpu().enabled(), "--gpu nvml switches the collector back on");
    assertEquals(Path.of("/tmp/libnvidia-ml.so"), c.gpu().nvmlLibrary());
    assertEquals("/opt/smi", c.gpu().nvidiaSmi());
    assertEquals("ws://hub:8080/ingest", c.hub().url());
    assertEquals(Duration.ofSeconds(2), c.interval());
    assertEquals(new MetricsSettings(true, "127.0.0.1", 0), c.metrics());
    assertEquals("n01", c.hostname());
  }

  @Test
  void noFlagsChangeNothing() {
    CommandLine cl = CommandLine.parse();
    assertNull(cl.configFile());
    assertFalse(cl.once());
    assertEquals("prometheus", cl.format());
    assertEquals(AgentConfig.defaults().metrics(), cl.applyTo(AgentConfig.defaults()).metrics());
  }

  @Test
  void metricsCanBeSwitchedOff() {
    assertFalse(CommandLine.parse("--listen", "off").applyTo(AgentConfig.defaults()).metrics().enabled());
    assertFalse(CommandLine.parse("--no-metrics").applyTo(AgentConfig.defaults()).metrics().enabled());
    assertFalse(CommandLine.parse("--gpu", "none").applyTo(AgentConfig.defaults()).gpu().enabled());
  }

  @Test
  void ipv6AndEmptyHosts() {
    assertEquals(new CommandLine.HostPort("::", 9477), CommandLine.HostPort.parse("--listen", "[::]:9477"));
    assertEquals(new CommandLine.HostPort("0.0.0.0", 80), CommandLine.HostPort.parse("--listen", ":80"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--interval 5        | --interval: expected a duration like 500ms",
        "--gpu cuda          | --gpu: expected one of auto, nvml, nvidia-smi, none",
        "--format xml        | --format: expected prometheus or json",
        "--listen 9477       | --listen: expected ADDR:PORT or off",
        "--listen host:99999 | --listen: expected a port from 0 to 65535",
        "--listen host:http  | --listen: expected ADDR:PORT with a numeric port",
        "--hub localhost     | --hub: expected a WebSocket URL",
        "--interval          | --interval needs a value",
        "--bogus             | unknown flag --bogus",
        "--bogus 1           | unknown flag --bogus",
      })
  void badFlagsGiveOneClearMessage(String args, String expected) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> CommandLine.parse(args.trim().split(" ")));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  @Test
  void helpListsEveryFlag() {
    for (String flag : new String[] {"--config", "--procfs", "--sysfs", "--gpu", "--nvml-lib",
        "--nvidia-smi", "--hub", "--interval", "--listen", "--no-metrics", "--once", "--format",
        "--hostname", "--help"}) {
      assertTrue(CommandLine.USAGE.contains(flag + " "), flag);
    }
  }
}
