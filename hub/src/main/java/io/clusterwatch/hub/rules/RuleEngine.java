package io.clusterwatch.hub.rules;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates rules and keeps each alert's state per rule and label set, with Prometheus {@code
 * alerting.go} semantics: pending from {@code activeAt}, firing once the condition has held for the
 * rule's {@code holdFor} (at once when zero), resolved when a firing condition turns false, and a
 * pending one that turns false is dropped. Resolved alerts are kept for {@code resolvedRetention};
 * a condition that comes back starts a new alert. A rule that throws keeps its alerts as they were
 * and is logged; the other rules are still evaluated.
 */
public final class RuleEngine {
  private static final Logger LOG = System.getLogger(RuleEngine.class.getName());

  private final List<Rule> rules;
  private final Duration resolvedRetention;

  /** rule name -> label set -> alert */
  private final Map<String, Map<Map<String, String>, Alert>> alerts = new LinkedHashMap<>();

  public RuleEngine(List<Rule> rules, Duration resolvedRetention) {
    this.rules = List.copyOf(rules);
    this.resolvedRetention = resolvedRetention;
    Set<String> names = new HashSet<>();
    for (Rule r : rules) {
      if (!names.add(r.name())) {
        throw new IllegalArgumentException("two rules named " + r.name());
      }
      alerts.put(r.name(), new LinkedHashMap<>());
    }
  }

  /**
   * Evaluates every rule at {@code now}; returns the alerts whose state changed (INACTIVE =
   * dropped).
   */
  public synchronized List<Alert> evaluate(RuleInputs inputs, Instant now) {
    List<Alert> changes = new ArrayList<>();
    for (Rule rule : rules) {
      List<RuleHit> hits;
      try {
        hits = rule.evaluate(inputs, now);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "rule " + rule.name() + " failed; its alerts keep their state", e);
        continue;
      }
      Map<Map<String, String>, Alert> byLabels = alerts.get(rule.name());
      Set<Map<String, String>> seen = new HashSet<>();
      for (RuleHit hit : hits) {
        if (!seen.add(hit.labels())) {
          continue; // a rule naming the same labels twice: the first hit counts
        }
        Alert prev = byLabels.get(hit.labels());
        boolean fresh = prev == null || prev.state() == AlertState.RESOLVED;
        Instant activeAt = fresh ? now : prev.activeAt();
        boolean holds = !now.isBefore(activeAt.plus(rule.holdFor()));
        AlertState state = holds ? AlertState.FIRING : AlertState.PENDING;
        Instant firedAt = fresh || prev.firedAt() == null ? (holds ? now : null) : prev.firedAt();
        Alert next =
            new Alert(
                rule.name(),
                rule.group(),
                hit.labels(),
                hit.severity(),
                hit.summary(),
                hit.value(),
                state,
                activeAt,
                firedAt,
                null);
        byLabels.put(hit.labels(), next);
        if (fresh || prev.state() != state) {
          changes.add(next);
        }
      }
      for (Iterator<Map.Entry<Map<String, String>, Alert>> it = byLabels.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<Map<String, String>, Alert> e = it.next();
        if (seen.contains(e.getKey())) {
          continue;
        }
        Alert a = e.getValue();
        switch (a.state()) {
          case PENDING:
            it.remove();
            changes.add(a.with(AlertState.INACTIVE, null, null));
            break;
          case FIRING:
            Alert resolved = a.with(AlertState.RESOLVED, a.firedAt(), now);
            e.setValue(resolved);
            changes.add(resolved);
            break;
          case RESOLVED:
            if (now.isAfter(a.resolvedAt().plus(resolvedRetention))) {
              it.remove();
            }
            break;
          default:
            it.remove();
        }
      }
    }
    return changes;
  }

  /** Every pending, firing and recently resolved alert: firing first, then by severity and time. */
  public synchronized List<Alert> alerts() {
    List<Alert> out = new ArrayList<>();
    alerts.values().forEach(m -> out.addAll(m.values()));
    out.sort(
        Comparator.comparing((Alert a) -> order(a.state()))
            .thenComparing(Alert::severity, Comparator.reverseOrder())
            .thenComparing(Alert::activeAt)
            .thenComparing(Alert::rule)
            .thenComparing(a -> a.labels().toString()));
    return out;
  }

  private static int order(AlertState s) {
    switch (s) {
      case FIRING:
        return 0;
      case PENDING:
        return 1;
      default:
        return 2;
    }
  }
}
