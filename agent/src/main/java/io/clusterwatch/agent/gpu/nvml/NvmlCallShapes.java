package io.clusterwatch.agent.gpu.nvml;

/**
 * The argument shapes of the direct-mapped NVML calls ({@link NvmlDirectBindings}): every handle,
 * struct and out-parameter travels as a native address ({@code long}), every enum as an {@code
 * int}, so JNA passes them to the function without any conversion on the Java side. Public because
 * the binding classes are defined by their own class loader, in a runtime package of their own.
 */
public final class NvmlCallShapes {
  private NvmlCallShapes() {}

  /** {@code nvmlReturn_t f(nvmlDevice_t device, T *out)}. */
  public interface DeviceOut {
    int call(long device, long out);
  }

  /** {@code nvmlReturn_t f(nvmlDevice_t device, unsigned int arg, T *out)}. */
  public interface DeviceIntOut {
    int call(long device, int arg, long out);
  }

  /** {@code nvmlReturn_t f(nvmlDevice_t device, int a, int b, T *out)}. */
  public interface DeviceIntIntOut {
    int call(long device, int a, int b, long out);
  }

  /** {@code nvmlReturn_t f(nvmlDevice_t device, T *out1, T *out2)}. */
  public interface DeviceOutOut {
    int call(long device, long out1, long out2);
  }

  /** {@code nvmlReturn_t f(T *inOut)}. */
  public interface InOut {
    int call(long inOut);
  }
}
