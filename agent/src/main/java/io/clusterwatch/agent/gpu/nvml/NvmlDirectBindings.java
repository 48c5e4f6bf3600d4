package io.clusterwatch.agent.gpu.nvml;

/**
 * The NVML calls of every tick, bound by JNA direct mapping ({@code Native.register}): a {@code
 * native} method whose arguments are all primitives is called through a JNI stub prepared at
 * registration, without the interface proxy, the reflective {@code Function.invoke}, argument
 * conversion and {@code Structure} read-back of an interface mapping (about two thirds of the NVML
 * thread's CPU time with 8 GPUs at 1 Hz; docs/benchmarks/agent-footprint.md).
 *
 * <p>One class per call: {@code Native.register} binds every native method of a class or fails, and
 * a driver may lack any of these symbols (older ones lack {@code _v2}, {@code V} and GPM calls), so
 * each call is bound on its own and a missing one is simply not bound. The classes hold no state;
 * {@link NvmlDirectCalls} defines them anew, in a class loader of its own, for each library it
 * binds, since a registered native method belongs to its class and a class can be registered with
 * one library only: the library stays injectable, and two libraries (tests load several) never
 * share a binding.
 */
public final class NvmlDirectBindings {
  private NvmlDirectBindings() {}

  /** {@code nvmlDeviceGetUtilizationRates}. */
  public static final class UtilizationRates implements NvmlCallShapes.DeviceOut {
    public native int nvmlDeviceGetUtilizationRates(long device, long utilization);

    @Override
    public int call(long device, long out) {
      return nvmlDeviceGetUtilizationRates(device, out);
    }
  }

  /** {@code nvmlDeviceGetMemoryInfo}. */
  public static final class MemoryInfo implements NvmlCallShapes.DeviceOut {
    public native int nvmlDeviceGetMemoryInfo(long device, long memory);

    @Override
    public int call(long device, long out) {
      return nvmlDeviceGetMemoryInfo(device, out);
    }
  }

  /** {@code nvmlDeviceGetMemoryInfo_v2}. */
  public static final class MemoryInfoV2 implements NvmlCallShapes.DeviceOut {
    public native int nvmlDeviceGetMemoryInfo_v2(long device, long memory);

    @Override
    public int call(long device, long out) {
      return nvmlDeviceGetMemoryInfo_v2(device, out);
    }
  }

  /** {@code nvmlDeviceGetTemperatureV}. */
  public static final class TemperatureV implements NvmlCallShapes.DeviceOut {
    public native int nvmlDeviceGetTemperatureV(long device, long temperature);

    @Override
    public int call(long device, long out) {
      return nvmlDeviceGetTemperatureV(device, out);
    }
  }

  /** {@code nvmlDeviceGetTemperature}. */
  public static final class Temperature implements NvmlCallShapes.DeviceIntOut {
    public native int nvmlDeviceGetTemperature(long device, int sensorType, long temperature);

    @Override
    public int call(long device, int arg, long out) {
      return nvmlDeviceGetTemperature(device, arg, out);
    }
  }

  /** {@code nvmlDeviceGetPowerUsage}. */
  public static final class PowerUsage implements NvmlCallShapes.DeviceOut {
    public native int nvmlDeviceGetPowerUsage(long device, long milliwatts);

    @Override
    public int call(long device, long out) {
      return nvmlDeviceGetPowerUsage(device, out);
    }
  }

  /** {@code nvmlDeviceGetEnforcedPowerLimit}. */
  public static final class EnforcedPowerLimit implements NvmlCallShapes.DeviceOut {
    public native int nvmlDeviceGetEnforcedPowerLimit(long device, long milliwatts);

    @Override
    public int call(long device, long out) {
      return nvmlDeviceGetEnforcedPowerLimit(device, out);
    }
  }

  /** {@code nvmlDeviceGetClockInfo}. */
  public static final class ClockInfo implements NvmlCallShapes.DeviceIntOut {
    public native int nvmlDeviceGetClockInfo(long device, int clockType, long mhz);

    @Override
    public int call(long device, int arg, long out) {
      return nvmlDeviceGetClockInfo(device, arg, out);
    }
  }

  /** {@code nvmlDeviceGetCurrentClocksEventReasons}. */
  public static final class ClocksEventReasons implements NvmlCallShapes.DeviceOut {
    public native int nvmlDeviceGetCurrentClocksEventReasons(long device, long reasons);

    @Override
    public int call(long device, long out) {
      return nvmlDeviceGetCurrentClocksEventReasons(device, out);
    }
  }

  /** {@code nvmlDeviceGetCurrentClocksThrottleReasons}. */
  public static final class ClocksThrottleReasons implements NvmlCallShapes.DeviceOut {
    public native int nvmlDeviceGetCurrentClocksThrottleReasons(long device, long reasons);

    @Override
    public int call(long device, long out) {
      return nvmlDeviceGetCurrentClocksThrottleReasons(device, out);
    }
  }

  /** {@code nvmlDeviceGetTotalEnergyConsumption}. */
  public static final class TotalEnergyConsumption implements NvmlCallShapes.DeviceOut {
    public native int nvmlDeviceGetTotalEnergyConsumption(long device, long millijoules);

    @Override
    public int call(long device, long out) {
      return nvmlDeviceGetTotalEnergyConsumption(device, out);
    }
  }

  /** {@code nvmlDeviceGetTotalEccErrors}. */
  public static final class TotalEccErrors implements NvmlCallShapes.DeviceIntIntOut {
    public native int nvmlDeviceGetTotalEccErrors(
        long device, int errorType, int counterType, long count);

    @Override
    public int call(long device, int a, int b, long out) {
      return nvmlDeviceGetTotalEccErrors(device, a, b, out);
    }
  }

  /** {@code nvmlDeviceGetPcieReplayCounter}. */
  public static final class PcieReplayCounter implements NvmlCallShapes.DeviceOut {
    public native int nvmlDeviceGetPcieReplayCounter(long device, long value);

    @Override
    public int call(long device, long out) {
      return nvmlDeviceGetPcieReplayCounter(device, out);
    }
  }

  /** {@code nvmlDeviceGetFieldValues}. */
  public static final class FieldValues implements NvmlCallShapes.DeviceIntOut {
    public native int nvmlDeviceGetFieldValues(long device, int valuesCount, long values);

    @Override
    public int call(long device, int arg, long out) {
      return nvmlDeviceGetFieldValues(device, arg, out);
    }
  }

  /** {@code nvmlDeviceGetMigMode}. */
  public static final class MigMode implements NvmlCallShapes.DeviceOutOut {
    public native int nvmlDeviceGetMigMode(long device, long currentMode, long pendingMode);

    @Override
    public int call(long device, long out1, long out2) {
      return nvmlDeviceGetMigMode(device, out1, out2);
    }
  }

  /** {@code nvmlGpmSampleGet}. */
  public static final class GpmSampleGet implements NvmlCallShapes.DeviceOut {
    public native int nvmlGpmSampleGet(long device, long sample);

    @Override
    public int call(long device, long out) {
      return nvmlGpmSampleGet(device, out);
    }
  }

  /** {@code nvmlGpmMetricsGet}. */
  public static final class GpmMetricsGet implements NvmlCallShapes.InOut {
    public native int nvmlGpmMetricsGet(long metricsGet);

    @Override
    public int call(long inOut) {
      return nvmlGpmMetricsGet(inOut);
    }
  }
}
