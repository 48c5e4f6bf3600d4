package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.clusterwatch.agent.gpu.GpuCounter;
import io.clusterwatch.agent.gpu.GpuGauge;
import io.clusterwatch.agent.gpu.GpuReading;
import io.clusterwatch.agent.gpu.MigInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one GPU's values through NVML, converting NVML units to base units: percent to 0..1,
 * milliwatts to watts, MHz to hertz; memory stays in bytes, energy stays in millijoules (a counter
 * with scale 0.001). A call answering NOT_SUPPORTED (or lacking its symbol) leaves its field out;
 * GPU_IS_LOST aborts the read with an {@link NvmlException} so that the GPU is reported stale.
 */
final class NvmlDeviceReader {
  private static final int CLOCK_SM = 1;
  private static final int CLOCK_MEM = 2;
  private static final int TEMPERATURE_GPU = 0;
  private static final double MHZ = 1e6;
  private static final double MILLI = 1e-3;
  private static final double PERCENT = 0.01;
  private static final int MIG_ENABLED = 1;

  /** An {@code unsigned int} out-parameter call, direct-mapped. */
  private interface UintCall {
    int call(NvmlDirectCalls calls, long device, long out);
  }

  /** The single-value gauges: (gauge, call name, call, factor from NVML unit to base unit). */
  private record UintGauge(GpuGauge gauge, String name, UintCall call, double factor) {}

  private static final List<UintGauge> UINT_GAUGES =
      List.of(
          new UintGauge(
              GpuGauge.POWER, "nvmlDeviceGetPowerUsage", NvmlDirectCalls::powerUsage, MILLI),
          new UintGauge(
              GpuGauge.POWER_LIMIT,
              "nvmlDeviceGetEnforcedPowerLimit",
              NvmlDirectCalls::enforcedPowerLimit,
              MILLI),
          new UintGauge(
              GpuGauge.SM_CLOCK,
              "nvmlDeviceGetClockInfo(SM)",
              (calls, d, out) -> calls.clockInfo(d, CLOCK_SM, out),
              MHZ),
          new UintGauge(
              GpuGauge.MEMORY_CLOCK,
              "nvmlDeviceGetClockInfo(MEM)",
              (calls, d, out) -> calls.clockInfo(d, CLOCK_MEM, out),
              MHZ));

  /** The {@code nvmlDeviceGetFieldValues} fields and the counters they fill, index for index. */
  static final int[] FIELD_IDS = {
    NvmlFieldValues.ECC_SBE_VOL_TOTAL,
    NvmlFieldValues.ECC_DBE_VOL_TOTAL,
    NvmlFieldValues.TOTAL_ENERGY_CONSUMPTION,
    NvmlFieldValues.PCIE_REPLAY_COUNTER
  };

  private static final GpuCounter[] FIELD_COUNTERS = {
    GpuCounter.ECC_CORRECTED, GpuCounter.ECC_UNCORRECTED, GpuCounter.ENERGY, GpuCounter.PCIE_REPLAY
  };

  /** Indexes into {@link #FIELD_IDS} and {@link #FIELD_COUNTERS}. */
  private static final int ECC_CORRECTED = 0;

  private static final int ECC_UNCORRECTED = 1;
  private static final int ENERGY = 2;
  private static final int PCIE_REPLAY = 3;

  private final Nvml nvml;
  private final NvmlLibrary api;
  private final NvmlDirectCalls calls;
  private final System.Logger log;
  private final NvmlGpmReader gpm;

  NvmlDeviceReader(Nvml nvml, System.Logger log) {
    this.nvml = nvml;
    this.api = nvml.api();
    this.calls = nvml.calls();
    this.log = log;
    this.gpm = new NvmlGpmReader(nvml, this::ok);
  }

  /** Every value of the device except processes and XIDs, which the backend adds. */
  GpuReading.Builder read(NvmlDevice device) {
    GpuReading.Builder reading = new GpuReading.Builder(device.identity());
    long handle = device.address();
    NvmlBuffers buffers = device.buffers();
    utilization(device, reading);
    if (memory(device, handle)) {
      Memory m = buffers.outMemory();
      reading.gauge(GpuGauge.MEMORY_USED, m.getLong(MEMORY_USED));
      reading.gauge(GpuGauge.MEMORY_FREE, m.getLong(MEMORY_FREE));
      reading.gauge(GpuGauge.MEMORY_TOTAL, m.getLong(MEMORY_TOTAL));
    }
    temperature(device, reading);
    for (UintGauge g : UINT_GAUGES) {
      if (!device.unsupported(g.name())
          && ok(device, g.name(), g.call().call(calls, handle, buffers.out))) {
        long value = Integer.toUnsignedLong(buffers.outMemory().getInt(0));
        reading.gauge(g.gauge(), value * g.factor());
      }
    }
    clockEventReasons(device, reading);
    counters(device, reading);
    gpm.readGpu(device, reading);
    mig(device, reading);
    return reading;
  }

  private void utilization(NvmlDevice device, GpuReading.Builder reading) {
    // not cached as unsupported: it depends on the MIG mode, which can change at a GPU reset
    NvmlBuffers buffers = device.buffers();
    int code = calls.utilizationRates(device.address(), buffers.out);
    if (code == NvmlReturn.SUCCESS) {
      Memory u = buffers.outMemory();
      reading.gauge(
          GpuGauge.UTILIZATION,
          Integer.toUnsignedLong(u.getInt(NvmlLayout.UTILIZATION_GPU)) * PERCENT);
      reading.gauge(
          GpuGauge.MEMORY_UTILIZATION,
          Integer.toUnsignedLong(u.getInt(NvmlLayout.UTILIZATION_MEMORY)) * PERCENT);
    } else if (code == NvmlReturn.GPU_IS_LOST) {
      throw new NvmlException("nvmlDeviceGetUtilizationRates", code);
    } else if (!NvmlReturn.meansAbsent(code)) {
      warnOnce(device, "nvmlDeviceGetUtilizationRates", code);
    }
  }

  /** Offsets of used, free and total in the buffer {@link #memory} fills. */
  private static final int MEMORY_USED = 0;

  private static final int MEMORY_FREE = 8;
  private static final int MEMORY_TOTAL = 16;

  /**
   * Reads the memory of {@code handle} (the GPU or one of its MIG devices) from the _v2 call when
   * present (used then excludes reserved) and leaves {used, free, total} in bytes at the start of
   * the device's out buffer; false when neither call gave it.
   */
  private boolean memory(NvmlDevice device, long handle) {
    Memory m = device.buffers().outMemory();
    long out = device.buffers().out;
    String v2 = "nvmlDeviceGetMemoryInfo_v2";
    if (nvml.has(v2) && !device.unsupported(v2)) {
      m.setInt(NvmlLayout.MEMORY_V2_VERSION, NvmlStructs.MemoryV2.VERSION);
      int code = calls.memoryInfoV2(handle, out);
      if (code == NvmlReturn.ARGUMENT_VERSION_MISMATCH) {
        device.markUnsupported(v2);
      } else if (ok(device, v2, code)) {
        long used = m.getLong(NvmlLayout.MEMORY_V2_USED);
        long free = m.getLong(NvmlLayout.MEMORY_V2_FREE);
        long total = m.getLong(NvmlLayout.MEMORY_V2_TOTAL);
        return store(m, used, free, total);
      } else {
        return false;
      }
    }
    String v1 = "nvmlDeviceGetMemoryInfo";
    if (device.unsupported(v1) || !ok(device, v1, calls.memoryInfo(handle, out))) {
      return false;
    }
    long used = m.getLong(NvmlLayout.MEMORY_USED);
    long free = m.getLong(NvmlLayout.MEMORY_FREE);
    long total = m.getLong(NvmlLayout.MEMORY_TOTAL);
    return store(m, used, free, total);
  }

  private static boolean store(Memory m, long used, long free, long total) {
    m.setLong(MEMORY_USED, used);
    m.setLong(MEMORY_FREE, free);
    m.setLong(MEMORY_TOTAL, total);
    return true;
  }

  private void temperature(NvmlDevice device, GpuReading.Builder reading) {
    NvmlBuffers buffers = device.buffers();
    Memory t = buffers.outMemory();
    String versioned = "nvmlDeviceGetTemperatureV";
    if (nvml.has(versioned) && !device.unsupported(versioned)) {
      t.setInt(NvmlLayout.TEMPERATURE_VERSION, NvmlStructs.Temperature.VERSION);
      t.setInt(NvmlLayout.TEMPERATURE_SENSOR, TEMPERATURE_GPU);
      int code = calls.temperatureV(device.address(), buffers.out);
      if (code != NvmlReturn.ARGUMENT_VERSION_MISMATCH) {
        if (ok(device, versioned, code)) {
          reading.gauge(GpuGauge.TEMPERATURE, t.getInt(NvmlLayout.TEMPERATURE_VALUE));
        }
        return;
      }
      device.markUnsupported(versioned);
    }
    String legacy = "nvmlDeviceGetTemperature";
    if (!device.unsupported(legacy)
        && ok(device, legacy, calls.temperature(device.address(), TEMPERATURE_GPU, buffers.out))) {
      reading.gauge(GpuGauge.TEMPERATURE, Integer.toUnsignedLong(t.getInt(0)));
    }
  }

  private void clockEventReasons(NvmlDevice device, GpuReading.Builder reading) {
    // the R535+ name first; older drivers only have the "throttle" name of the same call
    boolean current = nvml.has("nvmlDeviceGetCurrentClocksEventReasons");
    String call =
        current
            ? "nvmlDeviceGetCurrentClocksEventReasons"
            : "nvmlDeviceGetCurrentClocksThrottleReasons";
    if (!nvml.has(call) || device.unsupported(call)) {
      return;
    }
    NvmlBuffers buffers = device.buffers();
    int code =
        current
            ? calls.clocksEventReasons(device.address(), buffers.out)
            : calls.clocksThrottleReasons(device.address(), buffers.out);
    if (ok(device, call, code)) {
      reading.gauge(GpuGauge.CLOCK_EVENT_REASONS, (double) buffers.outMemory().getLong(0));
    }
  }

  /**
   * ECC volatile totals, energy and PCIe replays: one field-values call, then the dedicated call of
   * each field that call could not fill (it succeeds when any field was filled, and a field of it
   * can fail where the dedicated call works).
   */
  private void counters(NvmlDevice device, GpuReading.Builder reading) {
    String fieldsCall = "nvmlDeviceGetFieldValues";
    boolean[] missing = {true, true, true, true};
    if (nvml.has(fieldsCall) && !device.unsupported(fieldsCall)) {
      NvmlBuffers buffers = device.buffers();
      Memory values = buffers.fields(FIELD_IDS);
      if (ok(
          device,
          fieldsCall,
          calls.fieldValues(device.address(), FIELD_IDS.length, buffers.fields))) {
        for (int i = 0; i < FIELD_IDS.length; i++) {
          long value = NvmlFieldValues.count(values, (long) i * NvmlLayout.FIELD_VALUE_SIZE);
          if (value >= 0) {
            reading.counter(FIELD_COUNTERS[i], value);
            missing[i] = false;
          }
        }
      } else if (!device.unsupported(fieldsCall)) {
        return; // an odd error of the whole call: this tick goes without these counters
      }
    }
    singleCounters(device, reading, missing);
  }

  /** The dedicated call of each counter still {@code missing} (indexed as {@link #FIELD_IDS}). */
  private void singleCounters(NvmlDevice device, GpuReading.Builder reading, boolean[] missing) {
    long handle = device.address();
    NvmlBuffers buffers = device.buffers();
    Memory out = buffers.outMemory();
    String energy = "nvmlDeviceGetTotalEnergyConsumption";
    if (missing[ENERGY]
        && !device.unsupported(energy)
        && ok(device, energy, calls.totalEnergyConsumption(handle, buffers.out))) {
      reading.counter(GpuCounter.ENERGY, out.getLong(0));
    }
    String ecc = "nvmlDeviceGetTotalEccErrors";
    for (int errorType = 0; errorType <= 1; errorType++) {
      int index = errorType == 0 ? ECC_CORRECTED : ECC_UNCORRECTED;
      // counter type 0 = VOLATILE (since driver load)
      if (missing[index]
          && !device.unsupported(ecc)
          && ok(device, ecc, calls.totalEccErrors(handle, errorType, 0, buffers.out))) {
        reading.counter(FIELD_COUNTERS[index], out.getLong(0));
      }
    }
    String replay = "nvmlDeviceGetPcieReplayCounter";
    if (missing[PCIE_REPLAY]
        && !device.unsupported(replay)
        && ok(device, replay, calls.pcieReplayCounter(handle, buffers.out))) {
      reading.counter(GpuCounter.PCIE_REPLAY, Integer.toUnsignedLong(out.getInt(0)));
    }
  }

  private void mig(NvmlDevice device, GpuReading.Builder reading) {
    String mode = "nvmlDeviceGetMigMode";
    NvmlBuffers buffers = device.buffers();
    if (device.unsupported(mode)
        || !ok(device, mode, calls.migMode(device.address(), buffers.out, buffers.out2))) {
      return;
    }
    boolean enabled = buffers.outMemory().getInt(0) == MIG_ENABLED;
    reading.gauge(GpuGauge.MIG_MODE, enabled ? 1.0 : 0.0);
    if (enabled) {
      reading.migInstances(migInstances(device));
    }
  }

  private List<MigInstance> migInstances(NvmlDevice device) {
    IntByReference max = device.buffers().uint2;
    if (!ok(
        device,
        "nvmlDeviceGetMaxMigDeviceCount",
        api.nvmlDeviceGetMaxMigDeviceCount(device.handle(), max))) {
      return List.of();
    }
    List<MigInstance> instances = new ArrayList<>();
    int slots = max.getValue();
    for (int i = 0; i < slots; i++) {
      PointerByReference mig = device.buffers().handle;
      int code = api.nvmlDeviceGetMigDeviceHandleByIndex(device.handle(), i, mig);
      if (code == NvmlReturn.NOT_FOUND) {
        continue; // an empty slot
      }
      if (!ok(device, "nvmlDeviceGetMigDeviceHandleByIndex", code)) {
        continue;
      }
      Pointer handle = mig.getValue();
      String uuid = NvmlStrings.read(handle, NvmlStrings.UUID_BUFFER, api::nvmlDeviceGetUUID);
      if (uuid != null && memory(device, Pointer.nativeValue(handle))) {
        Memory m = device.buffers().outMemory();
        long used = m.getLong(MEMORY_USED);
        long total = m.getLong(MEMORY_TOTAL);
        instances.add(new MigInstance(uuid, used, total, gpm.readMig(device, handle)));
      }
    }
    return instances;
  }

  /** SUCCESS gives true; absent-type codes give false (and NOT_SUPPORTED is remembered). */
  private boolean ok(NvmlDevice device, String call, int code) {
    if (code == NvmlReturn.SUCCESS) {
      return true;
    }
    if (code == NvmlReturn.GPU_IS_LOST) {
      throw new NvmlException(call, code);
    }
    if (code == NvmlReturn.NOT_SUPPORTED || code == NvmlReturn.FUNCTION_NOT_FOUND) {
      device.markUnsupported(call);
    } else if (!NvmlReturn.meansAbsent(code)) {
      warnOnce(device, call, code);
    }
    return false;
  }

  private void warnOnce(NvmlDevice device, String call, int code) {
    if (device.firstWarning(call, code)) {
      log.log(
          System.Logger.Level.WARNING,
          "GPU {0}: {1} returned {2}; leaving the value out",
          device.index(),
          call,
          NvmlReturn.describe(code));
    }
  }
}
