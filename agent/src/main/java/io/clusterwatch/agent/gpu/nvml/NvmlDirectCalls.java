package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;

/**
 * The per-tick NVML calls of one loaded library, direct-mapped ({@link NvmlDirectBindings}). A call
 * whose symbol the library does not export is not bound and answers {@link
 * NvmlReturn#FUNCTION_NOT_FOUND}, which the readers treat as an absent value. Handles, structs and
 * out-parameters are native addresses ({@code Pointer.nativeValue}); the caller keeps the memory
 * behind them alive for the call.
 */
final class NvmlDirectCalls {
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
        b.bind(NvmlCallShapes.DeviceOut.class, NvmlDirectBindings.UtilizationRates.class);
    memoryInfo = b.bind(NvmlCallShapes.DeviceOut.class, NvmlDirectBindings.MemoryInfo.class);
    memoryInfoV2 = b.bind(NvmlCallShapes.DeviceOut.class, NvmlDirectBindings.MemoryInfoV2.class);
    temperatureV = b.bind(NvmlCallShapes.DeviceOut.class, NvmlDirectBindings.TemperatureV.class);
    temperature = b.bind(NvmlCallShapes.DeviceIntOut.class, NvmlDirectBindings.Temperature.class);
    powerUsage = b.bind(NvmlCallShapes.DeviceOut.class, NvmlDirectBindings.PowerUsage.class);
    enforcedPowerLimit =
        b.bind(NvmlCallShapes.DeviceOut.class, NvmlDirectBindings.EnforcedPowerLimit.class);
    clockInfo = b.bind(NvmlCallShapes.DeviceIntOut.class, NvmlDirectBindings.ClockInfo.class);
    clocksEventReasons =
        b.bind(NvmlCallShapes.DeviceOut.class, NvmlDirectBindings.ClocksEventReasons.class);
    clocksThrottleReasons =
        b.bind(NvmlCallShapes.DeviceOut.class, NvmlDirectBindings.ClocksThrottleReasons.class);
    totalEnergyConsumption =
        b.bind(NvmlCallShapes.DeviceOut.class, NvmlDirectBindings.TotalEnergyConsumption.class);
    totalEccErrors =
        b.bind(NvmlCallShapes.DeviceIntIntOut.class, NvmlDirectBindings.TotalEccErrors.class);
    pcieReplayCounter =
        b.bind(NvmlCallShapes.DeviceOut.class, NvmlDirectBindings.PcieReplayCounter.class);
    fieldValues = b.bind(NvmlCallShapes.DeviceIntOut.class, NvmlDirectBindings.FieldValues.class);
    migMode = b.bind(NvmlCallShapes.DeviceOutOut.class, NvmlDirectBindings.MigMode.class);
    gpmSampleGet = b.bind(NvmlCallShapes.DeviceOut.class, NvmlDirectBindings.GpmSampleGet.class);
    gpmMetricsGet = b.bind(NvmlCallShapes.InOut.class, NvmlDirectBindings.GpmMetricsGet.class);
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

    /** A new instance of {@code binding}'s copy for this library, or null without its symbol. */
    <T> T bind(Class<T> shape, Class<? extends T> binding) {
      if (!symbols.contains(symbol(binding))) {
        return null;
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
    return utilizationRates == null
        ? NvmlReturn.FUNCTION_NOT_FOUND
        : utilizationRates.call(device, out);
  }

  int memoryInfo(long device, long out) {
    return memoryInfo == null ? NvmlReturn.FUNCTION_NOT_FOUND : memoryInfo.call(device, out);
  }

  int memoryInfoV2(long device, long out) {
    return memoryInfoV2 == null ? NvmlReturn.FUNCTION_NOT_FOUND : memoryInfoV2.call(device, out);
  }

  int temperatureV(long device, long out) {
    return temperatureV == null ? NvmlReturn.FUNCTION_NOT_FOUND : temperatureV.call(device, out);
  }

  int temperature(long device, int sensorType, long out) {
    return temperature == null
        ? NvmlReturn.FUNCTION_NOT_FOUND
        : temperature.call(device, sensorType, out);
  }

  int powerUsage(long device, long out) {
    return powerUsage == null ? NvmlReturn.FUNCTION_NOT_FOUND : powerUsage.call(device, out);
  }

  int enforcedPowerLimit(long device, long out) {
    return enforcedPowerLimit == null
        ? NvmlReturn.FUNCTION_NOT_FOUND
        : enforcedPowerLimit.call(device, out);
  }

  int clockInfo(long device, int clockType, long out) {
    return clockInfo == null
        ? NvmlReturn.FUNCTION_NOT_FOUND
        : clockInfo.call(device, clockType, out);
  }

  int clocksEventReasons(long device, long out) {
    return clocksEventReasons == null
        ? NvmlReturn.FUNCTION_NOT_FOUND
        : clocksEventReasons.call(device, out);
  }

  int clocksThrottleReasons(long device, long out) {
    return clocksThrottleReasons == null
        ? NvmlReturn.FUNCTION_NOT_FOUND
        : clocksThrottleReasons.call(device, out);
  }

  int totalEnergyConsumption(long device, long out) {
    return totalEnergyConsumption == null
        ? NvmlReturn.FUNCTION_NOT_FOUND
        : totalEnergyConsumption.call(device, out);
  }

  int totalEccErrors(long device, int errorType, int counterType, long out) {
    return totalEccErrors == null
        ? NvmlReturn.FUNCTION_NOT_FOUND
        : totalEccErrors.call(device, errorType, counterType, out);
  }

  int pcieReplayCounter(long device, long out) {
    return pcieReplayCounter == null
        ? NvmlReturn.FUNCTION_NOT_FOUND
        : pcieReplayCounter.call(device, out);
  }

  int fieldValues(long device, int count, long values) {
    return fieldValues == null
        ? NvmlReturn.FUNCTION_NOT_FOUND
        : fieldValues.call(device, count, values);
  }

  int migMode(long device, long current, long pending) {
    return migMode == null ? NvmlReturn.FUNCTION_NOT_FOUND : migMode.call(device, current, pending);
  }

  int gpmSampleGet(long device, long sample) {
    return gpmSampleGet == null ? NvmlReturn.FUNCTION_NOT_FOUND : gpmSampleGet.call(device, sample);
  }

  int gpmMetricsGet(long metricsGet) {
    return gpmMetricsGet == null ? NvmlReturn.FUNCTION_NOT_FOUND : gpmMetricsGet.call(metricsGet);
  }
}
