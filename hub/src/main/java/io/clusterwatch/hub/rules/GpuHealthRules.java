package io.clusterwatch.hub.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** GPU health (group {@code health}): XIDs, uncorrected ECC, temperature, throttling, lost GPUs. */
public final class GpuHealthRules {
  static final String XID = "gpu_xid_errors_total";
  static final String ECC_UNCORRECTED = "gpu_ecc_uncorrected_errors_total";
  static final String TEMPERATURE = "gpu_temperature_celsius";
  static final String CLOCK_EVENTS = "gpu_clock_event_reasons";

  /**
   * NVML clock event reasons ({@code nvml.h}, {@code nvmlClocksEventReason*}) that mean power or
   * thermal throttling: SwPowerCap 0x4, HwSlowdown 0x8, SwThermalSlowdown 0x20, HwThermalSlowdown
   * 0x40, HwPowerBrakeSlowdown 0x80. GpuIdle 0x1, ApplicationsClocksSetting 0x2, SyncBoost 0x10 and
   * DisplayClockSetting 0x100 are not throttling.
   */
  static final Map<Long, String> THROTTLE_REASONS = throttleReasons();

  private GpuHealthRules() {}

  private static Map<Long, String> throttleReasons() {
    Map<Long, String> m = new LinkedHashMap<>();
    m.put(0x4L, "SwPowerCap");
    m.put(0x8L, "HwSlowdown");
    m.put(0x20L, "SwThermalSlowdown");
    m.put(0x40L, "HwThermalSlowdown");
    m.put(0x80L, "HwPowerBrakeSlowdown");
    return java.util.Collections.unmodifiableMap(m);
  }

  public static List<Rule> create(HealthRulesConfig c) {
    return List.of(
        new DefinedRule("gpu_xid", "health", Duration.ZERO, (in, now) -> xid(in, now, c)),
        new DefinedRule("gpu_ecc_uncorrected", "health", Duration.ZERO, (in, now) -> ecc(in)),
        new DefinedRule(
            "gpu_temperature_critical",
            "health",
            c.temperatureCriticalFor(),
            (in, now) -> temperature(in, c.temperatureCriticalCelsius(), Severity.CRITICAL)),
        new DefinedRule(
            "gpu_temperature_high",
            "health",
            c.temperatureWarningFor(),
            (in, now) -> temperature(in, c.temperatureWarningCelsius(), Severity.WARNING)),
        new DefinedRule("gpu_throttled", "health", c.throttleFor(), (in, now) -> throttled(in)),
        new DefinedRule("gpus_missing", "health", Duration.ZERO, (in, now) -> missing(in)));
  }

  private static List<RuleHit> xid(RuleInputs in, Instant now, HealthRulesConfig c) {
    List<RuleHit> hits = new ArrayList<>();
    Map<String, RunningJob> jobs = RuleSupport.jobsByGpu(in);
    for (String host : in.hosts()) {
      for (Map<String, String> s : in.series(host, XID)) {
        OptionalDouble inc = in.increase(host, XID, s, now.minus(c.xidWindow()), now);
        if (inc.isEmpty() || !(inc.getAsDouble() > 0)) {
          continue;
        }
        String xidText = s.getOrDefault("xid", "");
        int xid;
        try {
          xid = Integer.parseInt(xidText);
        } catch (NumberFormatException e) {
          xid = -1;
        }
        Severity sev = xid < 0 ? Severity.WARNING : XidSeverity.of(xid);
        Map<String, String> l = RuleSupport.gpuLabels(host, s, jobs);
        l.put("xid", xidText);
        hits.add(
            new RuleHit(
                l,
                sev,
                "XID "
                    + xidText
                    + " on "
                    + RuleSupport.gpuName(l)
                    + " of "
                    + host
                    + " ("
                    + (sev == Severity.CRITICAL ? "fatal" : "warning")
                    + " per DCGM): "
                    + Math.round(inc.getAsDouble())
                    + " in the last "
                    + SpokenDuration.format(c.xidWindow()),
                inc.getAsDouble()));
      }
    }
    return hits;
  }

  private static List<RuleHit> ecc(RuleInputs in) {
    List<RuleHit> hits = new ArrayList<>();
    Map<String, RunningJob> jobs = RuleSupport.jobsByGpu(in);
    for (String host : in.hosts()) {
      for (Map<String, String> s : in.series(host, ECC_UNCORRECTED)) {
        OptionalDouble count = in.counterValue(host, ECC_UNCORRECTED, s);
        if (count.isPresent() && count.getAsDouble() > 0) {
          Map<String, String> l = RuleSupport.gpuLabels(host, s, jobs);
          hits.add(
              new RuleHit(
                  l,
                  Severity.CRITICAL,
                  RuleSupport.gpuName(l)
                      + " of "
                      + host
                      + " has "
                      + Math.round(count.getAsDouble())
                      + " uncorrected (volatile) ECC error(s) since the driver loaded",
                  count.getAsDouble()));
        }
      }
    }
    return hits;
  }

  private static List<RuleHit> temperature(RuleInputs in, double above, Severity sev) {
    List<RuleHit> hits = new ArrayList<>();
    Map<String, RunningJob> jobs = RuleSupport.jobsByGpu(in);
    for (String host : in.hosts()) {
      for (Map<String, String> s : in.series(host, TEMPERATURE)) {
        double t = RuleSupport.latestOrNaN(in, host, TEMPERATURE, s);
        if (t > above) {
          Map<String, String> l = RuleSupport.gpuLabels(host, s, jobs);
          hits.add(
              new RuleHit(
                  l,
                  sev,
                  RuleSupport.gpuName(l)
                      + " of "
                      + host
                      + " at "
                      + Math.round(t)
                      + " C (over "
                      + Math.round(above)
                      + " C)",
                  t));
        }
      }
    }
    return hits;
  }

  private static List<RuleHit> throttled(RuleInputs in) {
    List<RuleHit> hits = new ArrayList<>();
    Map<String, RunningJob> jobs = RuleSupport.jobsByGpu(in);
    for (String host : in.hosts()) {
      for (Map<String, String> s : in.series(host, CLOCK_EVENTS)) {
        double v = RuleSupport.latestOrNaN(in, host, CLOCK_EVENTS, s);
        if (Double.isNaN(v)) {
          continue;
        }
        long bits = (long) v;
        List<String> active = new ArrayList<>();
        THROTTLE_REASONS.forEach(
            (bit, name) -> {
              if ((bits & bit) != 0) {
                active.add(name);
              }
            });
        if (!active.isEmpty()) {
          Map<String, String> l = RuleSupport.gpuLabels(host, s, jobs);
          hits.add(
              new RuleHit(
                  l,
                  Severity.WARNING,
                  RuleSupport.gpuName(l)
                      + " of "
                      + host
                      + " throttled: "
                      + String.join(", ", active),
                  v));
        }
      }
    }
    return hits;
  }

  private static List<RuleHit> missing(RuleInputs in) {
    List<RuleHit> hits = new ArrayList<>();
    for (String host : in.hosts()) {
      // counted once per pass: each count looks up the newest value of every GPU's series
      int visible = in.visibleGpuCount(host);
      int expected = Math.max(visible, in.expectedGpuCount(host));
      if (visible < expected) {
        hits.add(
            new RuleHit(
                Map.of("host", host),
                Severity.CRITICAL,
                host + " sees " + visible + " of its " + expected + " GPUs",
                visible));
      }
    }
    return hits;
  }
}
