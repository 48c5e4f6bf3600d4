package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * The NVML structs, field for field in C order (nvml.h, NVML 13.3; sizes in hardware-facts.md
 * section a.4). JNA's default alignment adds the same padding as the C compiler on LP64 Linux.
 */
public final class NvmlStructs {
  private NvmlStructs() {}

  /** Base with a public view of field offsets, so layout tests can compare them with C. */
  public abstract static class NvmlStruct extends Structure {
    public int offsetOf(String field) {
      return fieldOffset(field);
    }
  }

  /** {@code nvmlUtilization_t}, 8 bytes: percents. */
  @FieldOrder({"gpu", "memory"})
  public static class Utilization extends NvmlStruct {
    public int gpu;
    public int memory;
  }

  /** {@code nvmlMemory_t}, 24 bytes: total, free, used (bytes; note the order). */
  @FieldOrder({"total", "free", "used"})
  public static class Memory extends NvmlStruct {
    public long total;
    public long free;
    public long used;
  }

  /** {@code nvmlMemory_v2_t}, 40 bytes: 4 bytes of padding follow {@code version}. */
  @FieldOrder({"version", "total", "reserved", "free", "used"})
  public static class MemoryV2 extends NvmlStruct {
    /** {@code nvmlMemory_v2}: sizeof(struct) | 2 << 24. */
    public static final int VERSION = 40 | (2 << 24);

    public int version;
    public long total;
    public long reserved;
    public long free;
    public long used;
  }

  /** {@code nvmlPciInfo_t} as filled by {@code nvmlDeviceGetPciInfo_v3}, 68 bytes. */
  @FieldOrder({"busIdLegacy", "domain", "bus", "device", "pciDeviceId", "pciSubSystemId", "busId"})
  public static class PciInfo extends NvmlStruct {
    public byte[] busIdLegacy = new byte[16];
    public int domain;
    public int bus;
    public int device;
    public int pciDeviceId;
    public int pciSubSystemId;
    public byte[] busId = new byte[32];
  }

  /** {@code nvmlTemperature_t} (v1), 12 bytes. */
  @FieldOrder({"version", "sensorType", "temperature"})
  public static class Temperature extends NvmlStruct {
    /** {@code nvmlTemperature_v1}: sizeof(struct) | 1 << 24. */
    public static final int VERSION = 12 | (1 << 24);

    public int version;
    public int sensorType;
    public int temperature;
  }

  /**
   * {@code nvmlFieldValue_t}, 40 bytes. {@code value} is the 8-byte union {@code nvmlValue_t};
   * {@link NvmlFieldValues} reads it according to {@code valueType}.
   */
  @FieldOrder({
    "fieldId",
    "scopeId",
    "timestamp",
    "latencyUsec",
    "valueType",
    "nvmlReturn",
    "value"
  })
  public static class FieldValue extends NvmlStruct {
    public int fieldId;
    public int scopeId;
    public long timestamp;
    public long latencyUsec;
    public int valueType;
    public int nvmlReturn;
    public long value;
  }

  /** {@code nvmlGpmSupport_t}, 8 bytes. */
  @FieldOrder({"version", "isSupportedDevice"})
  public static class GpmSupport extends NvmlStruct {
    /** {@code NVML_GPM_SUPPORT_VERSION}. */
    public static final int VERSION = 1;

    public int version;
    public int isSupportedDevice;
  }

  /**
   * {@code nvmlGpmMetric_t}, 40 bytes: the metric id (in), its own return code and value (out), and
   * three {@code char*} names owned by the library (out, unused here).
   */
  @FieldOrder({"metricId", "nvmlReturn", "value", "shortName", "longName", "unit"})
  public static class GpmMetric extends NvmlStruct {
    public int metricId;
    public int nvmlReturn;
    public double value;
    public Pointer shortName;
    public Pointer longName;
    public Pointer unit;
  }

  /**
   * {@code nvmlGpmMetricsGet_t}: version, count, the two samples, then {@code NVML_GPM_METRIC_MAX}
   * (98 in NVML 12 and 13) metric slots of which the library reads and fills the first {@code
   * numMetrics}.
   */
  @FieldOrder({"version", "numMetrics", "sample1", "sample2", "metrics"})
  public static class GpmMetricsGet extends NvmlStruct {
    /** {@code NVML_GPM_METRICS_GET_VERSION}. */
    public static final int VERSION = 1;

    /** {@code NVML_GPM_METRIC_MAX}. */
    public static final int METRIC_SLOTS = 98;

    public int version;
    public int numMetrics;
    public Pointer sample1;
    public Pointer sample2;
    public GpmMetric[] metrics = slots();

    private static GpmMetric[] slots() {
      GpmMetric[] slots = new GpmMetric[METRIC_SLOTS];
      for (int i = 0; i < slots.length; i++) {
        slots[i] = new GpmMetric();
      }
      return slots;
    }
  }
}
