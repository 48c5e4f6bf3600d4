package io.clusterwatch.hub.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdleRulesTest {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  static final String H = "gpu01";
  static final String UUID = "GPU-11111111-1111-1111-1111-111111111111";
  static final Map<String, String> GPU =
      Map.of("gpu", "1", "gpu_uuid", UUID, "pci_bus_id", "00000000:0F:00.0");
  static final RunningJob JOB =
      new RunningJob(
          "4242",
          H,
          "alice",
          List.of(UUID),
          T0,
          Map.of("account", "cs101", "partition", "gpu", "scheduler", "slurm"));
  static final Map<String, String> LABELS =
      Map.of(
          "host",
          H,
          "job_id",
          "4242",
          "user",
          "alice",
          "account",
          "cs101",
          "partition",
          "gpu",
          "gpu_uuid",
          UUID,
          "gpu",
          "1");

  final FakeRuleInputs in = new FakeRuleInputs();
  final IdleRulesConfig config = IdleRulesConfig.defaults();

  private RuleEngine engine(String rule) {
    return new RuleEngine(
        IdleRules.create(config).stream().filter(r -> r.name().equals(rule)).toList(),
        Duration.ofMinutes(15));
  }

  /** Records a tick: processes and utilisation of the job's GPU at t. */
  private void tick(Instant t, double processes, double util) {
    in.put(H, "gpu_compute_processes", GPU, t, processes);
    in.put(H, "gpu_utilization_ratio", GPU, t, util);
  }

  private static Alert only(List<Alert> changes) {
    assertEquals(1, changes.size(), changes.toString());
    return changes.get(0);
  }

  @Test
  void allocatedGpuWithoutProcessFiresAfterFiveMinutesAndResolvesWithAProcess() {
    in.jobs.add(JOB);
    RuleEngine e = engine("gpu_allocated_no_process");
    tick(T0, 0, 0);
    Alert pending = only(e.evaluate(in, T0));
    assertEquals(AlertState.PENDING, pending.state());
    assertEquals(LABELS, pending.labels());
    assertEquals(
        "GPU 1 (" + UUID + ") on gpu01 is allocated to job 4242 but runs no process",
        pending.summary());
    tick(T0.plusSeconds(299), 0, 0);
    assertEquals(List.of(), e.evaluate(in, T0.plusSeconds(299)));
    tick(T0.plusSeconds(300), 0, 0);
    assertEquals(AlertState.FIRING, only(e.evaluate(in, T0.plusSeconds(300))).state());
    tick(T0.plusSeconds(310), 1, 0.4);
    Alert resolved = only(e.evaluate(in, T0.plusSeconds(310)));
    assertEquals(AlertState.RESOLVED, resolved.state());
    assertEquals(T0.plusSeconds(310), resolved.resolvedAt());
  }

  @Test
  void processHoldingMemoryAtIdleUtilisationFiresAfterTenMinutes() {
    in.jobs.add(JOB);
    RuleEngine e = engine("gpu_process_idle");
    tick(T0, 2, 0.01);
    Alert pending = only(e.evaluate(in, T0));
    assertEquals(
        "GPU 1 ("
            + UUID
            + ") on gpu01: job 4242 holds it with 2 process(es) at 1 % utilisation (idle at <= 1 %)",
        pending.summary());
    tick(T0.plusSeconds(599), 2, 0);
    assertEquals(List.of(), e.evaluate(in, T0.plusSeconds(599)));
    tick(T0.plusSeconds(600), 2, 0);
    assertEquals(AlertState.FIRING, only(e.evaluate(in, T0.plusSeconds(600))).state());
    tick(T0.plusSeconds(610), 2, 0.02);
    assertEquals(AlertState.RESOLVED, only(e.evaluate(in, T0.plusSeconds(610))).state());
  }

  @Test
  void noProcessIsNotTheIdleProcessRule() {
    in.jobs.add(JOB);
    RuleEngine e = engine("gpu_process_idle");
    tick(T0, 0, 0);
    assertEquals(List.of(), e.evaluate(in, T0));
  }

  @Test
  void lowMeanUtilisationIsJudgedOnlyAfterFiveMinutesOfRuntime() {
    in.jobs.add(JOB);
    RuleEngine e = engine("gpu_low_mean_utilization");
    for (int m = 0; m <= 4; m++) {
      tick(T0.plusSeconds(60L * m), 1, 0.10);
      assertEquals(List.of(), e.evaluate(in, T0.plusSeconds(60L * m)), "minute " + m);
    }
    tick(T0.plusSeconds(300), 1, 0.10);
    Alert fired = only(e.evaluate(in, T0.plusSeconds(300)));
    assertEquals(AlertState.FIRING, fired.state());
    assertEquals(Severity.INFO, fired.severity());
    assertEquals(
        "GPU 1 ("
            + UUID
            + ") on gpu01: job 4242 averaged 10 % utilisation over the last 5 min (low under 15 %)",
        fired.summary());
    // busy from now on: the mean over the window climbs past 15 %
    tick(T0.plusSeconds(360), 1, 0.9);
    assertEquals(AlertState.RESOLVED, only(e.evaluate(in, T0.plusSeconds(360))).state());
  }

  @Test
  void meanWindowIsTheLastThirtyMinutes() {
    in.jobs.add(JOB);
    RuleEngine e = engine("gpu_low_mean_utilization");
    tick(T0, 1, 1.0); // busy long ago, outside the window at T0+40m
    tick(T0.plus(Duration.ofMinutes(40)), 1, 0.05);
    Alert a = only(e.evaluate(in, T0.plus(Duration.ofMinutes(40))));
    assertEquals(0.05, a.value(), 1e-9);
  }

  @Test
  void processOnAGpuOutsideTheAllocation() {
    RunningJob j =
        new RunningJob(
            "77", H, "bob", List.of(UUID), T0, Map.of("gpus_outside_allocation", "GPU-9,GPU-8"));
    in.jobs.add(j);
    RuleEngine e = engine("gpu_process_outside_allocation");
    List<Alert> fired = e.evaluate(in, T0);
    assertEquals(
        List.of("GPU-9", "GPU-8"), fired.stream().map(a -> a.labels().get("gpu_uuid")).toList());
    assertEquals(
        "job 77 runs a process on GPU-9 of gpu01, a GPU not allocated to it",
        fired.get(0).summary());
    assertEquals(AlertState.FIRING, fired.get(0).state());
    in.jobs.set(0, new RunningJob("77", H, "bob", List.of(UUID), T0, Map.of()));
    assertEquals(
        List.of(AlertState.RESOLVED, AlertState.RESOLVED),
        e.evaluate(in, T0.plusSeconds(10)).stream().map(Alert::state).toList());
  }

  @Test
  void thresholdsComeFromConfig() {
    in.jobs.add(JOB);
    IdleRulesConfig quick =
        new IdleRulesConfig(
            Duration.ofSeconds(20),
            0.01,
            Duration.ofSeconds(30),
            Duration.ofMinutes(30),
            0.15,
            Duration.ofMinutes(5));
    RuleEngine e = new RuleEngine(IdleRules.create(quick).subList(0, 1), Duration.ZERO);
    tick(T0, 0, 0);
    e.evaluate(in, T0);
    tick(T0.plusSeconds(20), 0, 0);
    assertEquals(AlertState.FIRING, only(e.evaluate(in, T0.plusSeconds(20))).state());
  }
}
