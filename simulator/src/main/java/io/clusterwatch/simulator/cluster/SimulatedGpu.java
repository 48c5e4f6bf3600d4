package io.clusterwatch.simulator.cluster;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One H100 SXM: power follows load up to the 700 W limit, temperature follows power with a thermal
 * lag, a hot GPU throttles its clocks, energy integrates the reported power, and XIDs are counted
 * per code. Emits the {@code gpu_*} families of docs/METRICS.md in their base units.
 */
final class SimulatedGpu {
  /** NVML clock event reason bits (nvmlClocksEventReason*). */
  static final int REASON_GPU_IDLE = 0x1;

  static final int REASON_SW_POWER_CAP = 0x4;
  static final int REASON_HW_SLOWDOWN = 0x8;
  static final int REASON_SW_THERMAL = 0x20;
  static final int REASON_HW_THERMAL = 0x40;

  /** The simulated slowdown thresholds (enter, leave) in degrees Celsius. */
  static final double SW_THERMAL_ON = 87;

  static final double SW_THERMAL_OFF = 85;
  static final double HW_THERMAL_ON = 92;
  static final double HW_THERMAL_OFF = 90;

  static final double POWER_LIMIT_WATTS = 700;
  private static final double IDLE_WATTS = 68;
  private static final double CONTEXT_WATTS = 22;
  private static final double DYNAMIC_WATTS = 610;
  private static final double MAX_SM_MHZ = 1980;
  private static final double IDLE_SM_MHZ = 345;
  private static final double MEMORY_MHZ = 2619;
  private static final double THERMAL_TAU_SECONDS = 45;

  /** How much hotter every GPU of a node with failing cooling runs. */
  private static final double HOT_NODE_EXTRA_CELSIUS = 28;

  private final GpuDevice device;
  private final Labels labels;
  private final Labels infoLabels;
  private final double positionCelsius;
  private final boolean hotNode;
  private final SimCounter energyMillijoules;
  private final SimCounter eccCorrected = SimCounter.startingAt(0);
  private final SimCounter eccUncorrected = SimCounter.startingAt(0);
  private final SimCounter pcieReplay;
  private final Map<Integer, SimCounter> xidCounts = new TreeMap<>();
  private final Map<Integer, Labels> xidLabels = new TreeMap<>();
  private int lastXid;
  private boolean settled;
  private double temperature;
  private double power = IDLE_WATTS;
  private boolean swThermal;
  private boolean hwThermal;
  private boolean powerCapped;

  SimulatedGpu(
      GpuDevice device, String model, boolean hotNode, double uptimeSeconds, SplittableRandom rng) {
    this.device = device;
    this.labels = device.labels();
    this.infoLabels = device.infoLabels(model);
    this.hotNode = hotNode;
    this.positionCelsius = -2 + 6 * rng.nextDouble();
    this.energyMillijoules =
        SimCounter.startingAt(uptimeSeconds * (250 + 100 * rng.nextDouble()) * 1000);
    this.pcieReplay = SimCounter.startingAt(rng.nextInt(3));
  }

  GpuDevice device() {
    return device;
  }

  /** Records an XID the driver reported for this GPU; XID 48 is a double-bit ECC error. */
  void raiseXid(int xid) {
    xidCounts.computeIfAbsent(xid, x -> SimCounter.startingAt(0)).add(1);
    xidLabels.computeIfAbsent(xid, x -> labels.with("xid", Integer.toString(x)));
    lastXid = xid;
    if (xid == 48) {
      eccUncorrected.add(1);
    }
  }

  void sample(double dtSeconds, GpuDemand demand, SplittableRandom rng, List<Sample> out) {
    if (!settled) {
      // Start in the thermal steady state of the current load instead of cold.
      for (int i = 0; i < 600; i++) {
        step(1, demand, 0, 0);
      }
      settled = true;
    }
    double before = power;
    step(dtSeconds, demand, rng.nextGaussian(), rng.nextGaussian());
    energyMillijoules.add((before + power) / 2 * dtSeconds * 1000);

    long used = demand.memoryUsedBytes();
    long free =
        NodeHardware.H100_MEMORY_TOTAL_BYTES - NodeHardware.H100_MEMORY_RESERVED_BYTES - used;
    boolean idle = demand.utilization() < 0.005;
    double smMhz = idle ? IDLE_SM_MHZ : Math.round(MAX_SM_MHZ * clockFactor() / 15) * 15;
    out.add(Sample.gauge("gpu_info", infoLabels, 1));
    out.add(
        Sample.gauge(
            "gpu_utilization_ratio", labels, Math.round(demand.utilization() * 100) / 100.0));
    out.add(
        Sample.gauge(
            "gpu_memory_utilization_ratio",
            labels,
            Math.round(demand.memoryUtilization() * 100) / 100.0));
    out.add(Sample.gauge("gpu_memory_used_bytes", labels, used));
    out.add(Sample.gauge("gpu_memory_free_bytes", labels, free));
    out.add(Sample.gauge("gpu_memory_total_bytes", labels, NodeHardware.H100_MEMORY_TOTAL_BYTES));
    out.add(Sample.gauge("gpu_temperature_celsius", labels, Math.round(temperature)));
    out.add(Sample.gauge("gpu_power_watts", labels, Math.round(power * 1000) / 1000.0));
    out.add(Sample.gauge("gpu_power_limit_watts", labels, POWER_LIMIT_WATTS));
    out.add(Sample.gauge("gpu_sm_clock_hertz", labels, smMhz * 1e6));
    out.add(Sample.gauge("gpu_memory_clock_hertz", labels, MEMORY_MHZ * 1e6));
    out.add(Sample.gauge("gpu_clock_event_reasons", labels, reasons(idle)));
    out.add(Sample.counter("gpu_energy_joules_total", labels, energyMillijoules.raw(), 0.001));
    out.add(Sample.counter("gpu_ecc_corrected_errors_total", labels, eccCorrected.raw()));
    out.add(Sample.counter("gpu_ecc_uncorrected_errors_total", labels, eccUncorrected.raw()));
    out.add(Sample.counter("gpu_pcie_replay_total", labels, pcieReplay.raw()));
    xidCounts.forEach(
        (xid, count) ->
            out.add(Sample.counter("gpu_xid_errors_total", xidLabels.get(xid), count.raw())));
    out.add(Sample.gauge("gpu_last_xid", labels, lastXid));
    out.add(Sample.gauge("gpu_compute_processes", labels, demand.processes()));
    out.add(Sample.gauge("gpu_mig_mode", labels, 0));
    out.add(Sample.gauge("gpu_stale", labels, 0));
  }

  /** Advances power, temperature and throttle state by {@code dt} seconds. */
  private void step(double dt, GpuDemand demand, double powerNoise, double tempNoise) {
    boolean context = demand.processes() > 0 || demand.memoryUsedBytes() > 0;
    double wanted =
        IDLE_WATTS
            + (context ? CONTEXT_WATTS : 0)
            + (demand.utilization() * DYNAMIC_WATTS * demand.powerIntensity()
                    + demand.memoryUtilization() * 40)
                * clockFactor();
    wanted *= 1 + 0.012 * powerNoise;
    powerCapped = wanted > POWER_LIMIT_WATTS;
    power = Math.min(wanted, POWER_LIMIT_WATTS);
    double target = 27 + 0.062 * power + positionCelsius + (hotNode ? HOT_NODE_EXTRA_CELSIUS : 0);
    temperature +=
        (target - temperature) * (1 - Math.exp(-dt / THERMAL_TAU_SECONDS)) + 0.15 * tempNoise;
    swThermal = swThermal ? temperature >= SW_THERMAL_OFF : temperature >= SW_THERMAL_ON;
    hwThermal = hwThermal ? temperature >= HW_THERMAL_OFF : temperature >= HW_THERMAL_ON;
  }

  /** Share of the maximum SM clock the slowdowns leave. */
  private double clockFactor() {
    return hwThermal ? 0.5 : swThermal ? 0.78 : 1.0;
  }

  private int reasons(boolean idle) {
    int r = 0;
    if (idle) {
      r |= REASON_GPU_IDLE;
    }
    if (powerCapped) {
      r |= REASON_SW_POWER_CAP;
    }
    if (swThermal) {
      r |= REASON_SW_THERMAL;
    }
    if (hwThermal) {
      r |= REASON_HW_SLOWDOWN | REASON_HW_THERMAL;
    }
    return r;
  }
}
