package io.clusterwatch.hub.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class RulesConfigParserTest {
  private static Object yaml(String text) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
  }

  @Test
  @SuppressWarnings("unchecked")
  void shippedKubernetesConfigSpellsOutTheDefaults() throws Exception {
    Path cm = Path.of("").toAbsolutePath().getParent().resolve("config/k8s/hub-configmap.yaml");
    Map<String, Object> doc = (Map<String, Object>) yaml(Files.readString(cm));
    String hubYaml = (String) ((Map<String, Object>) doc.get("data")).get("hub.yaml");
    Map<String, Object> hub = (Map<String, Object>) yaml(hubYaml);
    assertEquals(RulesConfig.defaults(), RulesConfigParser.parse(hub.get("rules")));
    // The whole file must also pass the hub's own strict loader, as the Deployment runs it.
    assertEquals(8080, new io.clusterwatch.hub.config.HubConfigLoader().parse(hubYaml).server().port());
  }

  @Test
  void missingSectionMeansDefaultsAndKeysOverride() {
    assertEquals(RulesConfig.defaults(), RulesConfigParser.parse(null));
    RulesConfig c = RulesConfigParser.parse(yaml(
        "idle: {no_process_for: 30s, low_util_for: 1m}\nhealth: {temperature_critical_celsius: 90}\n"
            + "webhooks:\n  - url: http://127.0.0.1:9/hook\n    groups: [health]\n    backoff_initial: 200ms\n"));
    assertEquals(Duration.ofSeconds(30), c.idle().noProcessFor());
    assertEquals(Duration.ofMinutes(1), c.idle().lowUtilFor());
    assertEquals(0.15, c.idle().meanUtilBelowRatio());
    assertEquals(90.0, c.health().temperatureCriticalCelsius());
    WebhookConfig w = c.webhooks().get(0);
    assertEquals(URI.create("http://127.0.0.1:9/hook"), w.url());
    assertEquals(Set.of("health"), w.groups());
    assertEquals(Duration.ofMillis(200), w.backoffInitial());
    assertEquals(6, w.maxAttempts());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "idle: {no_process: 5m}|rules.idle: unknown key 'no_process'",
        "colour: red|rules: unknown key 'colour'",
        "idle: {no_process_for: five}|rules.idle.no_process_for: 'five' is not a duration like 500ms, 10s, 5m, 2h or 1d",
        "idle: {mean_util_below_ratio: 15}|rules.idle.mean_util_below_ratio: 15.0 is not a ratio between 0 and 1",
        "health: {agent_silent_intervals: 0}|rules.health.agent_silent_intervals: 0.0 is not a whole number >= 1",
        "health: {temperature_warning_celsius: hot}|rules.health.temperature_warning_celsius: 'hot' is not a number",
        "idle: 5|rules.idle: expected a mapping, got '5'",
        "webhooks: [{groups: [health]}]|rules.webhooks[0].url: missing",
        "webhooks: [{url: 'ftp://x/y'}]|rules.webhooks[0].url: webhook url must be http(s)://host...: ftp://x/y",
        "webhooks: [{url: 'http://x/y', groups: [alerts]}]|rules.webhooks[0].groups: unknown rule group 'alerts'",
        "webhooks: [{url: 'http://x/y', retries: 3}]|rules.webhooks[0]: unknown key 'retries'",
      })
  void badInputIsNamed(String text, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> RulesConfigParser.parse(yaml(text))).getMessage());
  }

  @Test
  void durationsRoundTrip() {
    for (String s : List.of("500ms", "10s", "5m", "2h", "1d", "0s", "90s")) {
      assertEquals(s, DurationText.format(DurationText.parse("k", s)));
    }
  }

  @Test
  void standardRulesHaveUniqueNames() {
    List<Rule> rules = StandardRules.create(RulesConfig.defaults());
    assertEquals(18, rules.size());
    new RuleEngine(rules, Duration.ZERO);
  }
}
