package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;

/**
 * The per-tick NVML calls of one loaded library, direct-mapped ({@link NvmlDirectBindings}). A call
 * whose symbol the library does not export is not bound: it answers {@link
 * NvmlReturn#FUNCTION_NOT_FOUND}, which the readers treat as an absent value. Handles, structs and
 * out-parameters are native addresses ({@code Pointer.nativeValue}); the caller keeps the memory
 * behind them alive for the call.
 */
final class NvmlDirectCalls {
  // What a call whose symbol the library lacks answers.
  private static final NvmlCallShapes.DeviceOut MISSING_DEVICE_OUT =
      (device, out) -> NvmlReturn.FUNCTION_NOT_FOUND;
  private static final NvmlCallShapes.DeviceIntOut MISSING_DEVICE_INT_OUT =
      (device, arg, out) -> NvmlReturn.FUNCTION_NOT_FOUND;
  private static final NvmlCallShapes.DeviceIntIntOut MISSING_DEVICE_INT_INT_OUT =
      (device, a, b, out) -> NvmlReturn.FUNCTION_NOT_FOUND;
  private static final NvmlCallShapes.DeviceOutOut MISSING_DEVICE_OUT_OUT =
      (device, out1, out2) -> NvmlReturn.FUNCTION_NOT_FOUND;
  private static final NvmlCallShapes.InOut MISSING_IN_OUT = inOut -> NvmlReturn.FUNCTION_NOT_FOUND;

  private final NvmlCallShapes.DeviceOut utilizationRates;
  private final NvmlCallShapes.DeviceOut memoryInfo;
  private final NvmlCallShapes.DeviceOut memoryInfoV2;
  private final NvmlCallShapes.DeviceOut temperatureV;
  private final NvmlCallShapes.DeviceIntOut temperature;
  private final NvmlCallShapes.DeviceOut powerUsage;
  private final NvmlCallShapes.DeviceOut enforcedPowerLimit;
  private final NvmlCallShapes.DeviceIntOut clockInfo;
  private final NvmlCallShapes.DeviceOut clocksEventReasons;
  private final NvmlCallShapes.DeviceOut clocksThrottleReasons;
  private final NvmlCallShapes.DeviceOut totalEnergyConsumption;
  private final NvmlCallShapes.DeviceIntIntOut totalEccErrors;
  private final NvmlCallShapes.DeviceOut pcieReplayCounter;
  private final NvmlCallShapes.DeviceIntOut fieldValues;
  private final NvmlCallShapes.DeviceOutOut migMode;
  private final NvmlCallShapes.DeviceOut gpmSampleGet;
  private final NvmlCallShapes.InOut gpmMetricsGet;

  private NvmlDirectCalls(Binder b) {
    utilizationRates =
        b.bind(
            NvmlCallShapes.DeviceOut.class,
            NvmlDirectBindings.UtilizationRates.class,
            MISSING_DEVICE_OUT);
    memoryInfo =
        b.bind(
            NvmlCallShapes.DeviceOut.class,
            NvmlDirectBindings.MemoryInfo.class,
            MISSING_DEVICE_OUT);
    memoryInfoV2 =
        b.bind(
            NvmlCallShapes.DeviceOut.class,
            NvmlDirectBindings.MemoryInfoV2.class,
            MISSING_DEVICE_OUT);
    temperatureV =
        b.bind(
            NvmlCallShapes.DeviceOut.class,
            NvmlDirectBindings.TemperatureV.class,
            MISSING_DEVICE_OUT);
    temperature =
        b.bind(
            NvmlCallShapes.DeviceIntOut.class,
            NvmlDirectBindings.Temperature.class,
            MISSING_DEVICE_INT_OUT);
    powerUsage =
        b.bind(
            NvmlCallShapes.DeviceOut.class,
            NvmlDirectBindings.PowerUsage.class,
            MISSING_DEVICE_OUT);
    enforcedPowerLimit =
        b.bind(
            NvmlCallShapes.DeviceOut.class,
            NvmlDirectBindings.EnforcedPowerLimit.class,
            MISSING_DEVICE_OUT);
    clockInfo =
        b.bind(
            NvmlCallShapes.DeviceIntOut.class,
            NvmlDirectBindings.ClockInfo.class,
            MISSING_DEVICE_INT_OUT);
    clocksEventReasons =
        b.bind(
            NvmlCallShapes.DeviceOut.class,
            NvmlDirectBindings.ClocksEventReasons.class,
            MISSING_DEVICE_OUT);
    clocksThrottleReasons =
        b.bind(
            NvmlCallShapes.DeviceOut.class,
            NvmlDirectBindings.ClocksThrottleReasons.class,
            MISSING_DEVICE_OUT);
    totalEnergyConsumption =
        b.bind(
            NvmlCallShapes.DeviceOut.class,
            NvmlDirectBindings.TotalEnergyConsumption.class,
            MISSING_DEVICE_OUT);
    totalEccErrors =
        b.bind(
            NvmlCallShapes.DeviceIntIntOut.class,
            NvmlDirectBindings.TotalEccErrors.class,
            MISSING_DEVICE_INT_INT_OUT);
    pcieReplayCounter =
        b.bind(
            NvmlCallShapes.DeviceOut.class,
            NvmlDirectBindings.PcieReplayCounter.class,
            MISSING_DEVICE_OUT);
    fieldValues =
        b.bind(
            NvmlCallShapes.DeviceIntOut.class,
            NvmlDirectBindings.FieldValues.class,
            MISSING_DEVICE_INT_OUT);
    migMode =
        b.bind(
            NvmlCallShapes.DeviceOutOut.class,
            NvmlDirectBindings.MigMode.class,
            MISSING_DEVICE_OUT_OUT);
    gpmSampleGet =
        b.bind(
            NvmlCallShapes.DeviceOut.class,
            NvmlDirectBindings.GpmSampleGet.class,
            MISSING_DEVICE_OUT);
    gpmMetricsGet =
        b.bind(NvmlCallShapes.InOut.class, NvmlDirectBindings.GpmMetricsGet.class, MISSING_IN_OUT);
  }

  /**
   * Binds every call whose symbol is in {@code symbols} to {@code library}.
   *
   * @throws UnsatisfiedLinkError when JNA cannot register a present symbol
   */
  static NvmlDirectCalls bind(NativeLibrary library, Set<String> symbols) {
    return new NvmlDirectCalls(new Binder(library, symbols));
  }

  /** The symbol a binding class's one native method calls. */
  static String symbol(Class<?> binding) {
    for (Method method : binding.getDeclaredMethods()) {
      if (Modifier.isNative(method.getModifiers())) {
        return method.getName();
      }
    }
    throw new IllegalArgumentException(binding + " declares no native method");
  }

  /** Defines and registers the binding classes of one library in a class loader of their own. */
  private static final class Binder {
    private final NativeLibrary library;
    private final Set<String> symbols;
    private final ClassLoader loader;

    Binder(NativeLibrary library, Set<String> symbols) {
      this.library = library;
      this.symbols = symbols;
      this.loader = new NvmlBindingClassLoader(NvmlDirectCalls.class.getClassLoader());
    }

    /** A new instance of {@code binding}'s copy for this library, or {@code missing}. */
    <T> T bind(Class<T> shape, Class<? extends T> binding, T missing) {
      if (!symbols.contains(symbol(binding))) {
        return missing;
      }
      try {
        Class<?> copy = loader.loadClass(binding.getName());
        Native.register(copy, library);
        return shape.cast(copy.getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot bind " + binding.getName(), e);
      }
    }
  }

  int utilizationRates(long device, long out) {
    return utilizationRates.call(device, out);
  }

  int memoryInfo(long device, long out) {
    return memoryInfo.call(device, out);
  }

  int memoryInfoV2(long device, long out) {
    return memoryInfoV2.call(device, out);
  }

  int temperatureV(long device, long out) {
    return temperatureV.call(device, out);
  }

  int temperature(long device, int sensorType, long out) {
    return temperature.call(device, sensorType, out);
  }

  int powerUsage(long device, long out) {
    return powerUsage.call(device, out);
  }

  int enforcedPowerLimit(long device, long out) {
    return enforcedPowerLimit.call(device, out);
  }

  int clockInfo(long device, int clockType, long out) {
    return clockInfo.call(device, clockType, out);
  }

  int clocksEventReasons(long device, long out) {
    return clocksEventReasons.call(device, out);
  }

  int clocksThrottleReasons(long device, long out) {
    return clocksThrottleReasons.call(device, out);
  }

  int totalEnergyConsumption(long device, long out) {
    return totalEnergyConsumption.call(device, out);
  }

  int totalEccErrors(long device, int errorType, int counterType, long out) {
    return totalEccErrors.call(device, errorType, counterType, out);
  }

  int pcieReplayCounter(long device, long out) {
    return pcieReplayCounter.call(device, out);
  }

  int fieldValues(long device, int count, long values) {
    return fieldValues.call(device, count, values);
  }

  int migMode(long device, long current, long pending) {
    return migMode.call(device, current, pending);
  }

  int gpmSampleGet(long device, long sample) {
    return gpmSampleGet.call(device, sample);
  }

  int gpmMetricsGet(long metricsGet) {
    return gpmMetricsGet.call(metricsGet);
  }
}
