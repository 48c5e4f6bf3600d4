package io.clusterwatch.hub.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuHealthRulesTest {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  static final String H = "gpu01";
  static final String UUID = "GPU-00000000-0000-0000-0000-000000000000";
  static final Map<String, String> GPU = Map.of("gpu", "0", "gpu_uuid", UUID);

  final FakeRuleInputs in = new FakeRuleInputs();

  private RuleEngine engine(String... rules) {
    List<String> names = List.of(rules);
    return new RuleEngine(
        GpuHealthRules.create(HealthRulesConfig.defaults()).stream()
            .filter(r -> names.contains(r.name()))
            .toList(),
        Duration.ofMinutes(15));
  }

  private static Map<String, AlertState> byRule(List<Alert> changes) {
    Map<String, AlertState> m = new java.util.TreeMap<>();
    changes.forEach(a -> m.put(a.rule(), a.state()));
    return m;
  }

  @ParameterizedTest
  @CsvSource({
    "79,CRITICAL",
    "48,CRITICAL",
    "74,CRITICAL",
    "95,CRITICAL",
    "119,CRITICAL",
    "120,CRITICAL",
    "140,CRITICAL",
    "64,CRITICAL",
    "13,WARNING",
    "31,WARNING",
    "94,WARNING",
    "43,WARNING"
  })
  void xidSeverityFollowsDcgm(int xid, Severity expected) {
    assertEquals(expected, XidSeverity.of(xid));
  }

  @Test
  void xidFiresAtOnceWithItsJobAndResolvesWhenTheWindowPasses() {
    in.jobs.add(new RunningJob("4242", H, "alice", List.of(UUID), T0, Map.of("account", "cs101")));
    Map<String, String> xid79 = Map.of("gpu", "0", "gpu_uuid", UUID, "xid", "79");
    RuleEngine e = engine("gpu_xid");
    in.put(H, "gpu_xid_errors_total", xid79, T0.plusSeconds(10), 1);
    Alert fired = e.evaluate(in, T0.plusSeconds(10)).get(0);
    assertEquals(AlertState.FIRING, fired.state());
    assertEquals(Severity.CRITICAL, fired.severity());
    assertEquals(
        Map.of(
            "host",
            H,
            "gpu",
            "0",
            "gpu_uuid",
            UUID,
            "xid",
            "79",
            "job_id",
            "4242",
            "user",
            "alice",
            "account",
            "cs101"),
        fired.labels());
    assertEquals(
        "XID 79 on GPU 0 (" + UUID + ") of gpu01 (fatal per DCGM): 1 in the last 5 min",
        fired.summary());
    // the window is (now - 5m, now]: the event at T0+10s leaves it at T0+310s
    assertEquals(List.of(), e.evaluate(in, T0.plusSeconds(309)));
    assertEquals(AlertState.RESOLVED, e.evaluate(in, T0.plusSeconds(310)).get(0).state());
  }

  @Test
  void uncorrectedEccIsCritical() {
    RuleEngine e = engine("gpu_ecc_uncorrected");
    in.counter(H, "gpu_ecc_uncorrected_errors_total", GPU, 0);
    assertEquals(List.of(), e.evaluate(in, T0));
    in.counter(H, "gpu_ecc_uncorrected_errors_total", GPU, 2);
    Alert a = e.evaluate(in, T0.plusSeconds(1)).get(0);
    assertEquals(AlertState.FIRING, a.state());
    assertEquals(Severity.CRITICAL, a.severity());
    assertEquals(
        "GPU 0 ("
            + UUID
            + ") of gpu01 has 2 uncorrected (volatile) ECC error(s) since the driver loaded",
        a.summary());
    in.counter(H, "gpu_ecc_uncorrected_errors_total", GPU, 0); // GPU reset clears volatile counts
    assertEquals(AlertState.RESOLVED, e.evaluate(in, T0.plusSeconds(2)).get(0).state());
  }

  @Test
  void temperatureOver85ForAMinuteAndOver80ForFiveMinutes() {
    RuleEngine e = engine("gpu_temperature_critical", "gpu_temperature_high");
    in.put(H, "gpu_temperature_celsius", GPU, T0, 86);
    assertEquals(
        Map.of(
            "gpu_temperature_critical",
            AlertState.PENDING,
            "gpu_temperature_high",
            AlertState.PENDING),
        byRule(e.evaluate(in, T0)));
    in.put(H, "gpu_temperature_celsius", GPU, T0.plusSeconds(60), 86);
    List<Alert> atMinute = e.evaluate(in, T0.plusSeconds(60));
    assertEquals(Map.of("gpu_temperature_critical", AlertState.FIRING), byRule(atMinute));
    assertEquals("GPU 0 (" + UUID + ") of gpu01 at 86 C (over 85 C)", atMinute.get(0).summary());
    in.put(H, "gpu_temperature_celsius", GPU, T0.plusSeconds(120), 83);
    assertEquals(
        Map.of("gpu_temperature_critical", AlertState.RESOLVED),
        byRule(e.evaluate(in, T0.plusSeconds(120))));
    in.put(H, "gpu_temperature_celsius", GPU, T0.plusSeconds(300), 83);
    assertEquals(
        Map.of("gpu_temperature_high", AlertState.FIRING),
        byRule(e.evaluate(in, T0.plusSeconds(300))));
    in.put(H, "gpu_temperature_celsius", GPU, T0.plusSeconds(310), 80); // not over 80
    assertEquals(
        Map.of("gpu_temperature_high", AlertState.RESOLVED),
        byRule(e.evaluate(in, T0.plusSeconds(310))));
  }

  @Test
  void powerOrThermalThrottlingForFiveMinutes() {
    RuleEngine e = engine("gpu_throttled");
    in.put(
        H, "gpu_clock_event_reasons", GPU, T0, 0x1 | 0x10); // GpuIdle + SyncBoost: not throttling
    assertEquals(List.of(), e.evaluate(in, T0));
    in.put(H, "gpu_clock_event_reasons", GPU, T0.plusSeconds(10), 0x4 | 0x40);
    Alert pending = e.evaluate(in, T0.plusSeconds(10)).get(0);
    assertEquals(AlertState.PENDING, pending.state());
    assertEquals(
        "GPU 0 (" + UUID + ") of gpu01 throttled: SwPowerCap, HwThermalSlowdown",
        pending.summary());
    in.put(H, "gpu_clock_event_reasons", GPU, T0.plusSeconds(310), 0x8);
    assertEquals(AlertState.FIRING, e.evaluate(in, T0.plusSeconds(310)).get(0).state());
    in.put(H, "gpu_clock_event_reasons", GPU, T0.plusSeconds(320), 0);
    assertEquals(AlertState.RESOLVED, e.evaluate(in, T0.plusSeconds(320)).get(0).state());
  }

  @Test
  void fewerGpusThanTheNodeHad() {
    RuleEngine e = engine("gpus_missing");
    in.visibleGpus.put(H, 4);
    in.expectedGpus.put(H, 4);
    assertEquals(List.of(), e.evaluate(in, T0));
    in.visibleGpus.put(H, 3);
    Alert a = e.evaluate(in, T0.plusSeconds(1)).get(0);
    assertEquals(AlertState.FIRING, a.state());
    assertEquals("gpu01 sees 3 of its 4 GPUs", a.summary());
    in.visibleGpus.put(H, 4);
    assertEquals(AlertState.RESOLVED, e.evaluate(in, T0.plusSeconds(2)).get(0).state());
  }
}
