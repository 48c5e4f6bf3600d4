package io.clusterwatch.hub.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeHealthRulesTest {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  static final String H = "gpu01";
  static final Map<String, String> PORT = Map.of("device", "mlx5_0", "port", "1");

  final FakeRuleInputs in = new FakeRuleInputs();

  private RuleEngine engine(String rule) {
    return new RuleEngine(
        NodeHealthRules.create(HealthRulesConfig.defaults()).stream()
            .filter(r -> r.name().equals(rule))
            .toList(),
        Duration.ofMinutes(15));
  }

  @Test
  void ibPortNotActiveOrNotLinkUp() {
    RuleEngine e = engine("ib_port_down");
    in.put(H, "infiniband_state_id", PORT, T0, 4)
        .put(H, "infiniband_physical_state_id", PORT, T0, 5);
    assertEquals(List.of(), e.evaluate(in, T0));
    in.put(H, "infiniband_state_id", PORT, T0.plusSeconds(1), 1)
        .put(H, "infiniband_physical_state_id", PORT, T0.plusSeconds(1), 3);
    Alert a = e.evaluate(in, T0.plusSeconds(1)).get(0);
    assertEquals(AlertState.FIRING, a.state());
    assertEquals(Map.of("host", H, "device", "mlx5_0", "port", "1"), a.labels());
    assertEquals("mlx5_0 port 1 of gpu01 is DOWN / Disabled (want ACTIVE / LinkUp)", a.summary());
    // ACTIVE but training: still wrong
    in.put(H, "infiniband_state_id", PORT, T0.plusSeconds(2), 4)
        .put(H, "infiniband_physical_state_id", PORT, T0.plusSeconds(2), 4);
    assertEquals(List.of(), e.evaluate(in, T0.plusSeconds(2)));
    assertEquals(
        "mlx5_0 port 1 of gpu01 is ACTIVE / PortConfigurationTraining (want ACTIVE / LinkUp)",
        e.alerts().get(0).summary());
    in.put(H, "infiniband_physical_state_id", PORT, T0.plusSeconds(3), 5);
    assertEquals(AlertState.RESOLVED, e.evaluate(in, T0.plusSeconds(3)).get(0).state());
  }

  @Test
  void risingIbErrorCounters() {
    RuleEngine e = engine("ib_port_errors");
    in.put(H, "infiniband_symbol_error_total", PORT, T0, 0)
        .put(H, "infiniband_link_downed_total", PORT, T0, 0);
    assertEquals(List.of(), e.evaluate(in, T0));
    in.put(H, "infiniband_symbol_error_total", PORT, T0.plusSeconds(10), 12)
        .put(H, "infiniband_link_downed_total", PORT, T0.plusSeconds(10), 1);
    Alert a = e.evaluate(in, T0.plusSeconds(10)).get(0);
    assertEquals(AlertState.FIRING, a.state());
    assertEquals(
        "mlx5_0 port 1 of gpu01: link_downed +1, symbol_error +12 in the last 5 min", a.summary());
    // the window is (now - 5m, now]: the event at T0+10s leaves it at T0+310s
    assertEquals(List.of(), e.evaluate(in, T0.plusSeconds(309)));
    assertEquals(AlertState.RESOLVED, e.evaluate(in, T0.plusSeconds(310)).get(0).state());
  }

  @Test
  void diskBusyAtOrAbove95PercentForFiveMinutes() {
    RuleEngine e = engine("disk_busy");
    Map<String, String> nvme = Map.of("device", "nvme0n1");
    in.put(H, "disk_io_time_seconds_total", nvme, T0, 0.95);
    assertEquals(AlertState.PENDING, e.evaluate(in, T0).get(0).state());
    in.put(H, "disk_io_time_seconds_total", nvme, T0.plusSeconds(300), 0.99);
    Alert a = e.evaluate(in, T0.plusSeconds(300)).get(0);
    assertEquals(AlertState.FIRING, a.state());
    assertEquals("disk nvme0n1 of gpu01 is 99 % busy (at or over 95 %)", a.summary());
    in.put(H, "disk_io_time_seconds_total", nvme, T0.plusSeconds(310), 0.5);
    assertEquals(AlertState.RESOLVED, e.evaluate(in, T0.plusSeconds(310)).get(0).state());
  }

  @Test
  void agentSilentForMoreThanThreeIntervals() {
    RuleEngine e = engine("agent_silent");
    in.lastSeen.put(H, T0);
    in.intervals.put(H, Duration.ofSeconds(5));
    assertEquals(List.of(), e.evaluate(in, T0.plusSeconds(15)));
    Alert a = e.evaluate(in, T0.plusSeconds(16)).get(0);
    assertEquals(AlertState.FIRING, a.state());
    assertEquals(Severity.CRITICAL, a.severity());
    assertEquals("agent of gpu01 silent for 16 s (more than 3 intervals of 5 s)", a.summary());
    in.lastSeen.put(H, T0.plusSeconds(20));
    assertEquals(AlertState.RESOLVED, e.evaluate(in, T0.plusSeconds(21)).get(0).state());
  }
}
