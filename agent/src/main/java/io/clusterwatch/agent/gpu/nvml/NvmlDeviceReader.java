package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.clusterwatch.agent.gpu.GpuCounter;
import io.clusterwatch.agent.gpu.GpuGauge;
import io.clusterwatch.agent.gpu.GpuReading;
import io.clusterwatch.agent.gpu.MigInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

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

  /** An {@code unsigned int} out-parameter call. */
  private interface UintCall {
    int call(NvmlLibrary api, Pointer device, IntByReference out);
  }

  /** The single-value gauges: (gauge, call name, call, factor from NVML unit to base unit). */
  private record UintGauge(GpuGauge gauge, String name, UintCall call, double factor) {}

  private static final List<UintGauge> UINT_GAUGES =
      List.of(
          new UintGauge(
              GpuGauge.POWER,
              "nvmlDeviceGetPowerUsage",
              NvmlLibrary::nvmlDeviceGetPowerUsage,
              MILLI),
          new UintGauge(
              GpuGauge.POWER_LIMIT,
              "nvmlDeviceGetEnforcedPowerLimit",
              NvmlLibrary::nvmlDeviceGetEnforcedPowerLimit,
              MILLI),
          new UintGauge(
              GpuGauge.SM_CLOCK,
              "nvmlDeviceGetClockInfo(SM)",
              (api, d, out) -> api.nvmlDeviceGetClockInfo(d, CLOCK_SM, out),
              MHZ),
          new UintGauge(
              GpuGauge.MEMORY_CLOCK,
              "nvmlDeviceGetClockInfo(MEM)",
              (api, d, out) -> api.nvmlDeviceGetClockInfo(d, CLOCK_MEM, out),
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

  private final Nvml nvml;
  private final NvmlLibrary api;
  private final System.Logger log;
  private final NvmlGpmReader gpm;

  NvmlDeviceReader(Nvml nvml, System.Logger log) {
    this.nvml = nvml;
    this.api = nvml.api();
    this.log = log;
    this.gpm = new NvmlGpmReader(nvml, this::ok);
  }

  /** Every value of the device except processes and XIDs, which the backend adds. */
  GpuReading.Builder read(NvmlDevice device) {
    GpuReading.Builder reading = new GpuReading.Builder(device.identity());
    Pointer handle = device.handle();
    utilization(device, reading);
    long[] memory = memory(device, handle);
    if (memory != null) {
      reading.gauge(GpuGauge.MEMORY_USED, memory[0]);
      reading.gauge(GpuGauge.MEMORY_FREE, memory[1]);
      reading.gauge(GpuGauge.MEMORY_TOTAL, memory[2]);
    }
    temperature(device, reading);
    for (UintGauge g : UINT_GAUGES) {
      IntByReference out = device.buffers().uint;
      if (!device.unsupported(g.name()) && ok(device, g.name(), g.call().call(api, handle, out))) {
        long value = Integer.toUnsignedLong(out.getValue());
        reading.gauge(g.gauge(), value * g.factor());
      }
    }
    clockEventReasons(device, reading);
    counters(device, reading);
    gpm.readGpu(device).forEach(reading::gauge);
    mig(device, reading);
    return reading;
  }

  private void utilization(NvmlDevice device, GpuReading.Builder reading) {
    // not cached as unsupported: it depends on the MIG mode, which can change at a GPU reset
    NvmlStructs.Utilization u = device.buffers().utilization;
    int code = api.nvmlDeviceGetUtilizationRates(device.handle(), u);
    if (code == NvmlReturn.SUCCESS) {
      reading.gauge(GpuGauge.UTILIZATION, Integer.toUnsignedLong(u.gpu) * PERCENT);
      reading.gauge(GpuGauge.MEMORY_UTILIZATION, Integer.toUnsignedLong(u.memory) * PERCENT);
    } else if (code == NvmlReturn.GPU_IS_LOST) {
      throw new NvmlException("nvmlDeviceGetUtilizationRates", code);
    } else if (!NvmlReturn.meansAbsent(code)) {
      warnOnce(device, "nvmlDeviceGetUtilizationRates", code);
    }
  }

  /** {used, free, total} in bytes, from the _v2 call when present (used then excludes reserved). */
  private long[] memory(NvmlDevice device, Pointer handle) {
    String v2 = "nvmlDeviceGetMemoryInfo_v2";
    if (nvml.has(v2) && !device.unsupported(v2)) {
      NvmlStructs.MemoryV2 m = device.buffers().memoryV2;
      m.version = NvmlStructs.MemoryV2.VERSION;
      int code = api.nvmlDeviceGetMemoryInfo_v2(handle, m);
      if (code == NvmlReturn.ARGUMENT_VERSION_MISMATCH) {
        device.markUnsupported(v2);
      } else if (ok(device, v2, code)) {
        return new long[] {m.used, m.free, m.total};
      } else {
        return null;
      }
    }
    String v1 = "nvmlDeviceGetMemoryInfo";
    if (device.unsupported(v1)) {
      return null;
    }
    NvmlStructs.Memory m = device.buffers().memory;
    if (ok(device, v1, api.nvmlDeviceGetMemoryInfo(handle, m))) {
      return new long[] {m.used, m.free, m.total};
    }
    return null;
  }

  private void temperature(NvmlDevice device, GpuReading.Builder reading) {
    String versioned = "nvmlDeviceGetTemperatureV";
    if (nvml.has(versioned) && !device.unsupported(versioned)) {
      NvmlStructs.Temperature t = device.buffers().temperature;
      t.version = NvmlStructs.Temperature.VERSION;
      t.sensorType = TEMPERATURE_GPU;
      int code = api.nvmlDeviceGetTemperatureV(device.handle(), t);
      if (code != NvmlReturn.ARGUMENT_VERSION_MISMATCH) {
        if (ok(device, versioned, code)) {
          reading.gauge(GpuGauge.TEMPERATURE, t.temperature);
        }
        return;
      }
      device.markUnsupported(versioned);
    }
    String legacy = "nvmlDeviceGetTemperature";
    IntByReference out = device.buffers().uint;
    if (!device.unsupported(legacy)
        && ok(
            device, legacy, api.nvmlDeviceGetTemperature(device.handle(), TEMPERATURE_GPU, out))) {
      reading.gauge(GpuGauge.TEMPERATURE, Integer.toUnsignedLong(out.getValue()));
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
    LongByReference out = device.buffers().ull;
    int code =
        current
            ? api.nvmlDeviceGetCurrentClocksEventReasons(device.handle(), out)
            : api.nvmlDeviceGetCurrentClocksThrottleReasons(device.handle(), out);
    if (ok(device, call, code)) {
      reading.gauge(GpuGauge.CLOCK_EVENT_REASONS, (double) out.getValue());
    }
  }

  /**
   * ECC volatile totals, energy and PCIe replays: one field-values call, then the dedicated call of
   * each field that call could not fill (it succeeds when any field was filled, and a field of it
   * can fail where the dedicated call works).
   */
  private void counters(NvmlDevice device, GpuReading.Builder reading) {
    String fieldsCall = "nvmlDeviceGetFieldValues";
    EnumSet<GpuCounter> missing = EnumSet.copyOf(Arrays.asList(FIELD_COUNTERS));
    if (nvml.has(fieldsCall) && !device.unsupported(fieldsCall)) {
      NvmlStructs.FieldValue[] values = device.buffers().fields(FIELD_IDS);
      if (ok(
          device,
          fieldsCall,
          api.nvmlDeviceGetFieldValues(device.handle(), values.length, values))) {
        for (int i = 0; i < values.length; i++) {
          OptionalLong value = NvmlFieldValues.count(values[i]);
          if (value.isPresent()) {
            reading.counter(FIELD_COUNTERS[i], value.getAsLong());
            missing.remove(FIELD_COUNTERS[i]);
          }
        }
      } else if (!device.unsupported(fieldsCall)) {
        return; // an odd error of the whole call: this tick goes without these counters
      }
    }
    singleCounters(device, reading, missing);
  }

  /** The dedicated call of each counter in {@code wanted}. */
  private void singleCounters(
      NvmlDevice device, GpuReading.Builder reading, Set<GpuCounter> wanted) {
    Pointer handle = device.handle();
    LongByReference ull = device.buffers().ull;
    String energy = "nvmlDeviceGetTotalEnergyConsumption";
    if (wanted.contains(GpuCounter.ENERGY)
        && !device.unsupported(energy)
        && ok(device, energy, api.nvmlDeviceGetTotalEnergyConsumption(handle, ull))) {
      reading.counter(GpuCounter.ENERGY, ull.getValue());
    }
    String ecc = "nvmlDeviceGetTotalEccErrors";
    for (int errorType = 0; errorType <= 1; errorType++) {
      GpuCounter counter = errorType == 0 ? GpuCounter.ECC_CORRECTED : GpuCounter.ECC_UNCORRECTED;
      // counter type 0 = VOLATILE (since driver load)
      if (wanted.contains(counter)
          && !device.unsupported(ecc)
          && ok(device, ecc, api.nvmlDeviceGetTotalEccErrors(handle, errorType, 0, ull))) {
        reading.counter(counter, ull.getValue());
      }
    }
    String replay = "nvmlDeviceGetPcieReplayCounter";
    IntByReference uint = device.buffers().uint;
    if (wanted.contains(GpuCounter.PCIE_REPLAY)
        && !device.unsupported(replay)
        && ok(device, replay, api.nvmlDeviceGetPcieReplayCounter(handle, uint))) {
      reading.counter(GpuCounter.PCIE_REPLAY, Integer.toUnsignedLong(uint.getValue()));
    }
  }

  private void mig(NvmlDevice device, GpuReading.Builder reading) {
    String mode = "nvmlDeviceGetMigMode";
    IntByReference current = device.buffers().uint;
    IntByReference pending = device.buffers().uint2;
    if (device.unsupported(mode)
        || !ok(device, mode, api.nvmlDeviceGetMigMode(device.handle(), current, pending))) {
      return;
    }
    boolean enabled = current.getValue() == MIG_ENABLED;
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
      long[] memory = memory(device, handle);
      if (uuid != null && memory != null) {
        instances.add(new MigInstance(uuid, memory[0], memory[2], gpm.readMig(device, handle)));
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
