package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The two {@code nvmlGpmSample_t} buffers of one GPU (or MIG GPU instance), used in turn: the
 * sample of the last tick and the one taken now. Allocated on first use, freed before {@code
 * nvmlShutdown}. Only the thread reading the GPU touches them.
 */
final class NvmlGpmSamples {
  private Pointer previous;
  private Pointer next;
  private boolean hasPrevious;

  boolean allocated() {
    return previous != null && next != null;
  }

  /** Allocates both buffers; false (nothing held) when the library refuses. */
  boolean allocate(NvmlLibrary api, NvmlDevice device, NvmlGpmReader.Check check) {
    PointerByReference a = new PointerByReference();
    if (!check.ok(device, "nvmlGpmSampleAlloc", api.nvmlGpmSampleAlloc(a))) {
      return false;
    }
    PointerByReference b = new PointerByReference();
    if (!check.ok(device, "nvmlGpmSampleAlloc", api.nvmlGpmSampleAlloc(b))) {
      api.nvmlGpmSampleFree(a.getValue());
      return false;
    }
    previous = a.getValue();
    next = b.getValue();
    return true;
  }

  Pointer previous() {
    return previous;
  }

  /** The buffer the next sample goes into. */
  Pointer next() {
    return next;
  }

  boolean hasPrevious() {
    return hasPrevious;
  }

  /** The sample just taken becomes the previous one; the older buffer takes the next sample. */
  void advance() {
    Pointer older = previous;
    previous = next;
    next = older;
    hasPrevious = true;
  }

  /** A failed sample: the next tick starts a new pair rather than span the gap. */
  void forgetPrevious() {
    hasPrevious = false;
  }

  void free(NvmlLibrary api) {
    if (previous != null) {
      api.nvmlGpmSampleFree(previous);
    }
    if (next != null) {
      api.nvmlGpmSampleFree(next);
    }
    previous = null;
    next = null;
    hasPrevious = false;
  }
}
