package io.clusterwatch.hub.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  final List<RuleHit> hits = new ArrayList<>();
  final Rule rule =
      new DefinedRule("r", "health", Duration.ofMinutes(1), (in, now) -> List.copyOf(hits));
  final RuleEngine engine = new RuleEngine(List.of(rule), Duration.ofMinutes(15));
  final FakeRuleInputs in = new FakeRuleInputs();

  private static RuleHit hit(String host) {
    return new RuleHit(Map.of("host", host), Severity.WARNING, "hot " + host, 1);
  }

  private List<AlertState> states(List<Alert> changes) {
    return changes.stream().map(Alert::state).toList();
  }

  @Test
  void pendingFiringResolvedWithTimestamps() {
    hits.add(hit("a"));
    assertEquals(List.of(AlertState.PENDING), states(engine.evaluate(in, T0)));
    assertEquals(List.of(), engine.evaluate(in, T0.plusSeconds(59)));
    List<Alert> fired = engine.evaluate(in, T0.plusSeconds(60));
    assertEquals(List.of(AlertState.FIRING), states(fired));
    assertEquals(T0, fired.get(0).activeAt());
    assertEquals(T0.plusSeconds(60), fired.get(0).firedAt());
    assertEquals(List.of(), engine.evaluate(in, T0.plusSeconds(70)));

    hits.clear();
    Alert resolved = engine.evaluate(in, T0.plusSeconds(80)).get(0);
    assertEquals(AlertState.RESOLVED, resolved.state());
    assertEquals(T0.plusSeconds(60), resolved.firedAt());
    assertEquals(T0.plusSeconds(80), resolved.resolvedAt());
    assertEquals(List.of(resolved), engine.alerts());

    // kept for the retention, then forgotten
    engine.evaluate(in, T0.plusSeconds(80).plus(Duration.ofMinutes(15)));
    assertEquals(1, engine.alerts().size());
    engine.evaluate(in, T0.plusSeconds(81).plus(Duration.ofMinutes(15)));
    assertEquals(List.of(), engine.alerts());
  }

  @Test
  void pendingThatClearsGoesInactiveAndComebackStartsOver() {
    hits.add(hit("a"));
    engine.evaluate(in, T0);
    hits.clear();
    List<Alert> changes = engine.evaluate(in, T0.plusSeconds(30));
    assertEquals(List.of(AlertState.INACTIVE), states(changes));
    assertEquals(List.of(), engine.alerts());

    hits.add(hit("a"));
    Alert again = engine.evaluate(in, T0.plusSeconds(40)).get(0);
    assertEquals(AlertState.PENDING, again.state());
    assertEquals(T0.plusSeconds(40), again.activeAt());
    assertNull(again.firedAt());
  }

  @Test
  void resolvedConditionReturningIsANewAlert() {
    hits.add(hit("a"));
    engine.evaluate(in, T0);
    engine.evaluate(in, T0.plusSeconds(60));
    hits.clear();
    engine.evaluate(in, T0.plusSeconds(70));
    hits.add(hit("a"));
    Alert a = engine.evaluate(in, T0.plusSeconds(80)).get(0);
    assertEquals(AlertState.PENDING, a.state());
    assertEquals(T0.plusSeconds(80), a.activeAt());
  }

  @Test
  void zeroHoldFiresAtOnceAndLabelsSeparateAlerts() {
    List<RuleHit> now = new ArrayList<>(List.of(hit("a"), hit("b")));
    RuleEngine e =
        new RuleEngine(
            List.of(new DefinedRule("z", "idle", Duration.ZERO, (in, t) -> now)), Duration.ZERO);
    List<Alert> changes = e.evaluate(in, T0);
    assertEquals(List.of(AlertState.FIRING, AlertState.FIRING), states(changes));
    assertEquals(T0, changes.get(0).firedAt());
    now.remove(0);
    assertEquals(
        List.of("a"),
        e.evaluate(in, T0.plusSeconds(1)).stream().map(x -> x.labels().get("host")).toList());
  }

  @Test
  void failingRuleKeepsItsAlertsAndOthersRun() {
    boolean[] fail = {false};
    Rule flaky =
        new DefinedRule(
            "flaky",
            "health",
            Duration.ZERO,
            (in, now) -> {
              if (fail[0]) {
                throw new IllegalStateException("store unavailable");
              }
              return List.of(hit("x"));
            });
    hits.add(hit("a"));
    RuleEngine e = new RuleEngine(List.of(flaky, rule), Duration.ofMinutes(15));
    e.evaluate(in, T0);
    fail[0] = true;
    List<Alert> changes = e.evaluate(in, T0.plusSeconds(60));
    assertEquals(List.of("r"), changes.stream().map(Alert::rule).toList());
    assertEquals(
        AlertState.FIRING,
        e.alerts().stream()
            .filter(a -> a.rule().equals("flaky"))
            .findFirst()
            .orElseThrow()
            .state());
  }

  @Test
  void duplicateRuleNamesAreRejected() {
    assertEquals(
        "two rules named r",
        assertThrows(
                IllegalArgumentException.class,
                () -> new RuleEngine(List.of(rule, rule), Duration.ZERO))
            .getMessage());
  }
}
