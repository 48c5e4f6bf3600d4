package io.clusterwatch.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigReaderTest {
  enum Mode {
    AUTO,
    NVML
  }

  record Entry(String url, Duration timeout) {
    Entry {
      if (url == null || url.isEmpty()) {
        throw new ConfigException("url", "is required");
      }
      timeout = Objects.requireNonNullElse(timeout, Duration.ofSeconds(5));
    }
  }

  record Ingest(
      Integer maxSeries, ByteSize maxFrame, Duration helloTimeout, Mode mode, List<Entry> hooks) {
    Ingest {
      maxSeries = Checks.positive("max_series", Objects.requireNonNullElse(maxSeries, 20_000));
      maxFrame = Objects.requireNonNullElse(maxFrame, ByteSize.ofMiB(1));
      helloTimeout =
          Checks.positive(
              "hello_timeout", Objects.requireNonNullElse(helloTimeout, Duration.ofSeconds(10)));
      mode = Objects.requireNonNullElse(mode, Mode.AUTO);
      hooks = List.copyOf(Objects.requireNonNullElse(hooks, List.of()));
    }
  }

  record Root(Ingest ingest, Map<String, String> attributes) {
    Root {
      ingest = Objects.requireNonNullElse(ingest, new Ingest(null, null, null, null, null));
      attributes = Map.copyOf(Objects.requireNonNullElse(attributes, Map.of()));
    }
  }

  private final ConfigReader reader =
      new ConfigReader(
          RenamedKeys.of(
              Map.of(
                  "ingest.hello_timeout_ms",
                  "ingest.hello_timeout (a duration, e.g. 10s)",
                  "ingest.hooks.timeout_ms",
                  "ingest.hooks[].timeout (a duration, e.g. 5s)")));

  @Test
  void emptyDocumentsAndAbsentSectionsGiveDefaults() {
    for (String text : List.of("", "# nothing\n", "ingest:\n")) {
      Root r = reader.read(text, "hub.yaml", Root.class);
      assertEquals(20_000, r.ingest().maxSeries());
      assertEquals(ByteSize.ofMiB(1), r.ingest().maxFrame());
      assertEquals(Duration.ofSeconds(10), r.ingest().helloTimeout());
      assertEquals(Mode.AUTO, r.ingest().mode());
      assertEquals(List.of(), r.ingest().hooks());
    }
  }

  @Test
  void readsSnakeCaseKeysDurationsSizesEnumsListsAndMaps() {
    Root r =
        reader.read(
            "ingest:\n  max_series: 7\n  max_frame: 512KiB\n  hello_timeout: 250ms\n  mode: nvml\n"
                + "  hooks:\n    - url: http://x\n    - url: http://y\n      timeout: 2m\n"
                + "attributes: {partition: gpu}\n",
            "hub.yaml",
            Root.class);
    assertEquals(7, r.ingest().maxSeries());
    assertEquals(524_288, r.ingest().maxFrame().bytes());
    assertEquals(Duration.ofMillis(250), r.ingest().helloTimeout());
    assertEquals(Mode.NVML, r.ingest().mode());
    assertEquals(
        List.of(
            new Entry("http://x", Duration.ofSeconds(5)),
            new Entry("http://y", Duration.ofMinutes(2))),
        r.ingest().hooks());
    assertEquals(Map.of("partition", "gpu"), r.attributes());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown key with the known ones | ingest:\\n  max_seriess: 3 | hub.yaml: ingest.max_seriess: unknown key (known keys here: hello_timeout, hooks, max_frame, max_series, mode)",
        "renamed key names the new one | ingest:\\n  hello_timeout_ms: 3 | hub.yaml: ingest.hello_timeout_ms: this key was renamed: write ingest.hello_timeout (a duration, e.g. 10s) instead",
        "unknown top-level key | ingset: {} | hub.yaml: ingset: unknown key (known keys here: attributes, ingest)",
        "duration without a unit | ingest:\\n  hello_timeout: 10 | hub.yaml: ingest.hello_timeout: '10' is not a duration (a whole number and a unit: 250ms, 30s, 5m, 2h or 7d)",
        "check in a constructor | ingest:\\n  hello_timeout: 0s | hub.yaml: ingest.hello_timeout: must be longer than 0 (a whole number and a unit: 250ms, 30s, 5m, 2h or 7d), got 0s",
        "decimal byte unit | ingest:\\n  max_frame: 1MB | hub.yaml: ingest.max_frame: '1MB' is not a byte size (bytes, or a whole number with KiB, MiB, GiB or TiB: 512KiB, 32MiB); sizes use binary units (KiB, MiB, GiB)",
        "text for a number | ingest:\\n  max_series: many | hub.yaml: ingest.max_series: expected a whole number, got 'many'",
        "bad enum | ingest:\\n  mode: cuda | hub.yaml: ingest.mode: expected one of auto, nvml, got 'cuda'",
        "required key in a list entry | ingest:\\n  hooks:\\n    - timeout: 1s | hub.yaml: ingest.hooks[0].url: is required",
        "renamed key in a list entry, whatever its index | ingest:\\n  hooks:\\n    - url: x\\n    - url: y\\n      timeout_ms: 1 | hub.yaml: ingest.hooks[1].timeout_ms: this key was renamed: write ingest.hooks[].timeout (a duration, e.g. 5s) instead",
        "unknown key in a list entry | ingest:\\n  hooks:\\n    - url: x\\n      retries: 1 | hub.yaml: ingest.hooks[0].retries: unknown key (known keys here: timeout, url)",
        "a list where a mapping goes | ingest: [1, 2] | hub.yaml: ingest: expected a mapping of keys to values",
        "not a mapping at all | just text | hub.yaml: the configuration must be a YAML mapping of keys to values",
      })
  void everyErrorIsOneLineNamingFileAndKey(String name, String yaml, String message) {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> reader.read(yaml.replace("\\n", "\n"), "hub.yaml", Root.class));
    assertEquals(message, e.getMessage());
    assertEquals(-1, e.getMessage().indexOf('\n'));
  }

  record Filter(Pattern include, Instant since) {}

  @Test
  void readsRegularExpressionsAndUtcTimes() {
    Filter f =
        reader.read("include: nvme.*\nsince: 2026-01-31T08:00:00Z\n", "agent.yaml", Filter.class);
    assertEquals("nvme.*", f.include().pattern());
    assertEquals(Instant.parse("2026-01-31T08:00:00Z"), f.since());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad regular expression | include: '(nvme' | agent.yaml: include: not a valid regular expression: Unclosed group in '(nvme'",
        "time without a zone | since: 2026-01-31 08:00 | agent.yaml: since: '2026-01-31 08:00' is not a UTC time (2026-01-31T08:00:00Z)",
      })
  void badRegularExpressionsAndTimesAreNamed(String name, String yaml, String message) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> reader.read(yaml, "agent.yaml", Filter.class));
    assertEquals(message, e.getMessage());
  }

  @Test
  void aTreeCanBeChangedBeforeItIsBound() {
    ObjectNode tree = reader.tree("ingest:\n  max_series: 12\n", "hub.yaml");
    tree.with("ingest").put("hello_timeout", "3s");
    Root r = reader.bind(tree, "hub.yaml", Root.class);
    assertEquals(12, r.ingest().maxSeries());
    assertEquals(Duration.ofSeconds(3), r.ingest().helloTimeout());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                reader.bind(
                    reader.tree("ingest:\n  max_series: 0\n", "hub.yaml"), "hub.yaml", Root.class));
    assertEquals("hub.yaml: ingest.max_series: must be a positive number, got 0", e.getMessage());
  }

  @Test
  void aSectionBoundOnItsOwnIsNamedByItsPathAndKnowsRenamedKeys() {
    ObjectNode tree = reader.tree("ingest:\n  hello_timeout_ms: 3\n", "hub.yaml");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> reader.convert(tree.get("ingest"), "ingest", Ingest.class));
    assertEquals(
        "ingest.hello_timeout_ms: this key was renamed: write ingest.hello_timeout (a duration, e.g. 10s) instead",
        e.getMessage());
    ConfigException check =
        assertThrows(
            ConfigException.class,
            () -> reader.convert(reader.tree("max_series: -1", "x"), "ingest", Ingest.class));
    assertEquals("ingest.max_series: must be a positive number, got -1", check.getMessage());
  }

  @Test
  void yamlSyntaxErrorsNameTheLine() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> reader.read("ingest:\n  max_series: [1\n", "hub.yaml", Root.class));
    assertEquals(
        true, e.getMessage().startsWith("hub.yaml: not valid YAML at line "), e.getMessage());
  }

  @Test
  void aKeyWrittenTwiceIsAnError() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                reader.read("ingest:\n  max_series: 1\n  max_series: 2\n", "hub.yaml", Root.class));
    assertEquals(true, e.getMessage().contains("Duplicate field 'max_series'"), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> reader.read(missing, Root.class));
    assertEquals(missing + ": no such configuration file", e.getMessage());
  }

  @Test
  void readsAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(file, "ingest:\n  max_series: 12\n");
    assertEquals(12, reader.read(file, Root.class).ingest().maxSeries());
  }
}
