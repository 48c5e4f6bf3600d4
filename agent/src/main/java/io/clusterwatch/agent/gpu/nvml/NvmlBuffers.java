package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The native out-parameters of one GPU's reads, allocated once and reused every tick: a JNA {@code
 * Memory} allocation costs several times the NVML call itself. Only the thread reading that GPU
 * uses them, and the watchdog never starts a GPU's read while its previous one runs.
 */
final class NvmlBuffers {
  final IntByReference uint = new IntByReference();
  final IntByReference uint2 = new IntByReference();
  final LongByReference ull = new LongByReference();
  final PointerByReference handle = new PointerByReference();
  final NvmlStructs.Utilization utilization = new NvmlStructs.Utilization();
  final NvmlStructs.Memory memory = new NvmlStructs.Memory();
  final NvmlStructs.MemoryV2 memoryV2 = new NvmlStructs.MemoryV2();
  final NvmlStructs.Temperature temperature = new NvmlStructs.Temperature();
  final NvmlStructs.FieldValue[] fields;

  /** About 4 KB, so only GPUs with GPM get one. */
  private NvmlStructs.GpmMetricsGet gpmMetrics;

  /**
   * @param fieldIds the field ids every {@code nvmlDeviceGetFieldValues} call asks for
   */
  NvmlBuffers(int[] fieldIds) {
    fields = (NvmlStructs.FieldValue[]) new NvmlStructs.FieldValue().toArray(fieldIds.length);
    for (int i = 0; i < fieldIds.length; i++) {
      fields[i].fieldId = fieldIds[i];
    }
  }

  /** Resets the field-value array's inputs, which the previous call's read-back overwrote. */
  NvmlStructs.FieldValue[] fields(int[] fieldIds) {
    for (int i = 0; i < fieldIds.length; i++) {
      fields[i].fieldId = fieldIds[i];
      fields[i].scopeId = 0;
    }
    return fields;
  }

  /**
   * Synchronised by hand ({@link NvmlGpmReader} writes and reads only the slots it uses): JNA's
   * automatic read-back of a 98-slot struct array builds 97 new slot structs, each with its own
   * native memory, on every call (about 100 KB of garbage per GPU and tick). The one full {@code
   * write()} here makes the slot structs views of this struct's memory.
   */
  NvmlStructs.GpmMetricsGet gpmMetrics() {
    if (gpmMetrics == null) {
      NvmlStructs.GpmMetricsGet get = new NvmlStructs.GpmMetricsGet();
      get.setAutoSynch(false);
      get.write();
      gpmMetrics = get;
    }
    return gpmMetrics;
  }
}
