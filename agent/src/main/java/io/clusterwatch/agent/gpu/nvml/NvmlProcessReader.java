package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import io.clusterwatch.agent.gpu.GpuProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Lists the compute processes of a GPU with {@code nvmlDeviceGetComputeRunningProcesses*}.
 *
 * <p>The element stride is chosen from the exported symbols, as nvitop does (hardware-facts.md
 * a.4): R535 drivers write 32-byte elements behind the {@code _v3} name; they are recognised by
 * {@code nvmlDeviceGetConfComputeMemSizeInfo} being present while {@code
 * nvmlDeviceGetRunningProcessDetailList} is not. A result whose PIDs are not plausible is dropped
 * rather than reported.
 */
final class NvmlProcessReader {
  /** Linux's PID_MAX_LIMIT: no real PID is larger. */
  private static final long PID_MAX = 4_194_304L;

  /** Room for processes that start between the sizing call and the reading call. */
  private static final int SLACK = 8;

  /** Which symbol to call and how wide its elements are. */
  enum Layout {
    V3("nvmlDeviceGetComputeRunningProcesses_v3", 24),
    V3_R535("nvmlDeviceGetComputeRunningProcesses_v3", 32),
    V2("nvmlDeviceGetComputeRunningProcesses_v2", 24),
    V1("nvmlDeviceGetComputeRunningProcesses", 16);

    final String symbol;
    final int stride;

    Layout(String symbol, int stride) {
      this.symbol = symbol;
      this.stride = stride;
    }
  }

  private final NvmlLibrary api;
  private final Layout layout;

  NvmlProcessReader(Nvml nvml) {
    this.api = nvml.api();
    this.layout = choose(nvml).orElse(null);
  }

  static Optional<Layout> choose(Nvml nvml) {
    if (nvml.has(Layout.V3.symbol)) {
      boolean r535 =
          nvml.has("nvmlDeviceGetConfComputeMemSizeInfo")
              && !nvml.has("nvmlDeviceGetRunningProcessDetailList");
      return Optional.of(r535 ? Layout.V3_R535 : Layout.V3);
    }
    if (nvml.has(Layout.V2.symbol)) {
      return Optional.of(Layout.V2);
    }
    if (nvml.has(Layout.V1.symbol)) {
      return Optional.of(Layout.V1);
    }
    return Optional.empty();
  }

  Optional<Layout> layout() {
    return Optional.ofNullable(layout);
  }

  /**
   * The device's compute processes, or empty when the driver cannot list them (no symbol, not
   * supported, no permission, implausible result).
   *
   * @throws NvmlException when the GPU is lost
   */
  Optional<List<GpuProcess>> read(NvmlDevice device) {
    if (layout == null || device.unsupported(layout.symbol)) {
      return Optional.empty();
    }
    IntByReference count = new IntByReference(0);
    int code = call(device, count, null);
    for (int attempt = 0; attempt < 3 && code == NvmlReturn.INSUFFICIENT_SIZE; attempt++) {
      int capacity = count.getValue() + SLACK;
      Memory buffer = new Memory((long) capacity * layout.stride);
      buffer.clear();
      count.setValue(capacity);
      code = call(device, count, buffer);
      if (code == NvmlReturn.SUCCESS) {
        return decode(device, buffer, Math.min(count.getValue(), capacity));
      }
    }
    if (code == NvmlReturn.SUCCESS) {
      return Optional.of(List.of());
    }
    if (code == NvmlReturn.GPU_IS_LOST) {
      throw new NvmlException(layout.symbol, code);
    }
    if (code == NvmlReturn.NOT_SUPPORTED || code == NvmlReturn.FUNCTION_NOT_FOUND) {
      device.markUnsupported(layout.symbol);
    }
    return Optional.empty();
  }

  private int call(NvmlDevice device, IntByReference count, Memory buffer) {
    switch (layout) {
      case V3:
      case V3_R535:
        return api.nvmlDeviceGetComputeRunningProcesses_v3(device.handle(), count, buffer);
      case V2:
        return api.nvmlDeviceGetComputeRunningProcesses_v2(device.handle(), count, buffer);
      default:
        return api.nvmlDeviceGetComputeRunningProcesses(device.handle(), count, buffer);
    }
  }

  private Optional<List<GpuProcess>> decode(NvmlDevice device, Memory buffer, int count) {
    List<GpuProcess> processes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long offset = (long) i * layout.stride;
      long pid = Integer.toUnsignedLong(buffer.getInt(offset));
      long used = buffer.getLong(offset + 8);
      if (pid == 0 || pid > PID_MAX) {
        return Optional.empty();
      }
      OptionalLong memory = used == -1L ? OptionalLong.empty() : OptionalLong.of(used);
      processes.add(new GpuProcess(device.identity().uuid(), device.index(), pid, memory));
    }
    return Optional.of(List.copyOf(processes));
  }
}
