package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The native out-parameters of one GPU's reads, allocated once and reused every tick: a JNA {@code
 * Memory} allocation costs several times the NVML call itself. The direct-mapped calls take their
 * addresses ({@link #out}, {@link #out2}, {@link #fields}, {@link #gpmMetrics()}); the interface
 * mapped ones (MIG slots) the by-reference holders. Only the thread reading that GPU uses them, and
 * the watchdog never starts a GPU's read while its previous one runs.
 */
final class NvmlBuffers {
  /** Room for the largest single out-struct, {@code nvmlMemory_v2_t} (40 bytes). */
  private static final int OUT_SIZE = 48;

  private final Memory outMemory = new Memory(OUT_SIZE);
  private final Memory out2Memory = new Memory(8);
  private final Memory fieldsMemory;
  private Memory gpmMemory;

  /** Address of the single out-parameter or struct of a call. */
  final long out = Pointer.nativeValue(outMemory);

  /** Address of a second out-parameter ({@code nvmlDeviceGetMigMode}'s pending mode). */
  final long out2 = Pointer.nativeValue(out2Memory);

  /** Address of the {@code nvmlFieldValue_t} array, inputs written by {@link #fields(int[])}. */
  final long fields;

  final IntByReference uint2 = new IntByReference();
  final PointerByReference handle = new PointerByReference();

  /**
   * @param fieldIds the field ids every {@code nvmlDeviceGetFieldValues} call asks for
   */
  NvmlBuffers(int[] fieldIds) {
    fieldsMemory = new Memory((long) fieldIds.length * NvmlLayout.FIELD_VALUE_SIZE);
    fieldsMemory.clear();
    fields = Pointer.nativeValue(fieldsMemory);
  }

  /** The memory at {@link #out}, to read a call's result from. */
  Memory outMemory() {
    return outMemory;
  }

  Memory out2Memory() {
    return out2Memory;
  }

  /**
   * Resets the field-value array's inputs (the previous call overwrote the element) and returns the
   * array's memory, to read the results from.
   */
  Memory fields(int[] fieldIds) {
    for (int i = 0; i < fieldIds.length; i++) {
      long element = (long) i * NvmlLayout.FIELD_VALUE_SIZE;
      fieldsMemory.setInt(element + NvmlLayout.FIELD_ID, fieldIds[i]);
      fieldsMemory.setInt(element + NvmlLayout.FIELD_SCOPE_ID, 0);
    }
    return fieldsMemory;
  }

  /**
   * The {@code nvmlGpmMetricsGet_t} (about 4 KB, so only GPUs with GPM get one), zeroed once;
   * {@link NvmlGpmReader} writes and reads only the header and the slots it uses.
   */
  Memory gpmMetrics() {
    if (gpmMemory == null) {
      Memory get = new Memory(NvmlLayout.GPM_GET_SIZE);
      get.clear();
      gpmMemory = get;
    }
    return gpmMemory;
  }
}
