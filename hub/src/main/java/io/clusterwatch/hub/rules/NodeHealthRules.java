package io.clusterwatch.hub.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Node health (group {@code health}): InfiniBand ports, busy disks, silent agents. */
public final class NodeHealthRules {
  static final String IB_STATE = "infiniband_state_id";
  static final String IB_PHYS_STATE = "infiniband_physical_state_id";

  /** Counters whose rise means a sick link (field-survey.md 5.2; node_exporter names). */
  static final List<String> IB_ERROR_COUNTERS =
      List.of(
          "infiniband_link_downed_total",
          "infiniband_symbol_error_total",
          "infiniband_port_errors_received_total");

  static final String DISK_IO_TIME = "disk_io_time_seconds_total";

  /** IB port states (sysfs {@code state}): 4 is ACTIVE. */
  static final Map<Integer, String> STATES =
      Map.of(1, "DOWN", 2, "INIT", 3, "ARMED", 4, "ACTIVE", 5, "ACTIVE_DEFER");

  /** IB physical states (sysfs {@code phys_state}): 5 is LinkUp. */
  static final Map<Integer, String> PHYS_STATES =
      Map.of(
          1,
          "Sleep",
          2,
          "Polling",
          3,
          "Disabled",
          4,
          "PortConfigurationTraining",
          5,
          "LinkUp",
          6,
          "LinkErrorRecovery",
          7,
          "PhyTest");

  private NodeHealthRules() {}

  public static List<Rule> create(HealthRulesConfig c) {
    return List.of(
        new DefinedRule("ib_port_down", "health", Duration.ZERO, (in, now) -> ibDown(in)),
        new DefinedRule(
            "ib_port_errors", "health", Duration.ZERO, (in, now) -> ibErrors(in, now, c)),
        new DefinedRule("disk_busy", "health", c.diskBusyFor(), (in, now) -> diskBusy(in, c)),
        new DefinedRule("agent_silent", "health", Duration.ZERO, (in, now) -> silent(in, now, c)));
  }

  private static Map<String, String> portLabels(String host, Map<String, String> s) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("host", host);
    l.put("device", s.getOrDefault("device", ""));
    l.put("port", s.getOrDefault("port", ""));
    return l;
  }

  private static List<RuleHit> ibDown(RuleInputs in) {
    List<RuleHit> hits = new ArrayList<>();
    for (String host : in.hosts()) {
      for (Map<String, String> s : in.series(host, IB_STATE)) {
        double state = RuleSupport.latestOrNaN(in, host, IB_STATE, s);
        Optional<Map<String, String>> physSeries =
            in.series(host, IB_PHYS_STATE).stream()
                .filter(
                    p ->
                        p.get("device") != null
                            && p.get("device").equals(s.get("device"))
                            && p.get("port") != null
                            && p.get("port").equals(s.get("port")))
                .findFirst();
        double phys =
            physSeries
                .map(p -> RuleSupport.latestOrNaN(in, host, IB_PHYS_STATE, p))
                .orElse(Double.NaN);
        boolean stateBad = !Double.isNaN(state) && state != 4;
        boolean physBad = !Double.isNaN(phys) && phys != 5;
        if (stateBad || physBad) {
          Map<String, String> l = portLabels(host, s);
          hits.add(
              new RuleHit(
                  l,
                  Severity.WARNING,
                  l.get("device")
                      + " port "
                      + l.get("port")
                      + " of "
                      + host
                      + " is "
                      + name(STATES, state)
                      + " / "
                      + name(PHYS_STATES, phys)
                      + " (want ACTIVE / LinkUp)",
                  stateBad ? state : phys));
        }
      }
    }
    return hits;
  }

  private static String name(Map<Integer, String> names, double v) {
    if (Double.isNaN(v)) {
      return "unknown";
    }
    return names.getOrDefault((int) v, "state " + (int) v);
  }

  private static List<RuleHit> ibErrors(RuleInputs in, Instant now, HealthRulesConfig c) {
    List<RuleHit> hits = new ArrayList<>();
    Instant from = now.minus(c.errorCounterWindow());
    for (String host : in.hosts()) {
      Map<Map<String, String>, List<String>> risesByPort = new LinkedHashMap<>();
      for (String counter : IB_ERROR_COUNTERS) {
        for (Map<String, String> s : in.series(host, counter)) {
          OptionalDouble inc = in.increase(host, counter, s, from, now);
          if (inc.isPresent() && inc.getAsDouble() > 0) {
            risesByPort
                .computeIfAbsent(portLabels(host, s), k -> new ArrayList<>())
                .add(
                    counter.replace("infiniband_", "").replace("_total", "")
                        + " +"
                        + Math.round(inc.getAsDouble()));
          }
        }
      }
      risesByPort.forEach(
          (l, rises) ->
              hits.add(
                  new RuleHit(
                      l,
                      Severity.WARNING,
                      l.get("device")
                          + " port "
                          + l.get("port")
                          + " of "
                          + host
                          + ": "
                          + String.join(", ", rises)
                          + " in the last "
                          + SpokenDuration.format(c.errorCounterWindow()),
                      rises.size())));
    }
    return hits;
  }

  private static List<RuleHit> diskBusy(RuleInputs in, HealthRulesConfig c) {
    List<RuleHit> hits = new ArrayList<>();
    for (String host : in.hosts()) {
      for (Map<String, String> s : in.series(host, DISK_IO_TIME)) {
        // io_time rate: seconds busy per second, iostat's %util as a ratio
        double busy = RuleSupport.latestOrNaN(in, host, DISK_IO_TIME, s);
        if (busy >= c.diskBusyRatio()) {
          Map<String, String> l = new LinkedHashMap<>();
          l.put("host", host);
          l.put("device", s.getOrDefault("device", ""));
          hits.add(
              new RuleHit(
                  l,
                  Severity.WARNING,
                  "disk "
                      + l.get("device")
                      + " of "
                      + host
                      + " is "
                      + RuleSupport.percent(busy)
                      + " busy (at or over "
                      + RuleSupport.percent(c.diskBusyRatio())
                      + ")",
                  busy));
        }
      }
    }
    return hits;
  }

  private static List<RuleHit> silent(RuleInputs in, Instant now, HealthRulesConfig c) {
    List<RuleHit> hits = new ArrayList<>();
    for (String host : in.hosts()) {
      Optional<Instant> last = in.lastSeen(host);
      Duration interval = in.sampleInterval(host);
      if (last.isEmpty() || interval.isZero()) {
        continue;
      }
      Duration silence = Duration.between(last.get(), now);
      if (silence.compareTo(interval.multipliedBy(c.agentSilentIntervals())) > 0) {
        hits.add(
            new RuleHit(
                Map.of("host", host),
                Severity.CRITICAL,
                "agent of "
                    + host
                    + " silent for "
                    + SpokenDuration.format(Duration.ofSeconds(silence.toSeconds()))
                    + " (more than "
                    + c.agentSilentIntervals()
                    + " intervals of "
                    + SpokenDuration.format(interval)
                    + ")",
                silence.toMillis() / 1000.0));
      }
    }
    return hits;
  }
}
