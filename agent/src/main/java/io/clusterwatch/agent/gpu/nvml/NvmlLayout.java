package io.clusterwatch.agent.gpu.nvml;

/**
 * Byte offsets of the struct fields the direct-mapped calls ({@link NvmlDirectCalls}) write and
 * read in raw native memory, on LP64 Linux (nvml.h, NVML 13.3; hardware-facts.md section a.4). They
 * are those of the {@link NvmlStructs} classes, which NvmlStructLayoutTest checks against the C
 * compiler's layout.
 */
final class NvmlLayout {
  private NvmlLayout() {}

  /** {@code nvmlUtilization_t}: {@code unsigned int gpu, memory} (percent). */
  static final int UTILIZATION_GPU = 0;

  static final int UTILIZATION_MEMORY = 4;

  /** {@code nvmlMemory_t}: {@code unsigned long long total, free, used} (bytes). */
  static final int MEMORY_TOTAL = 0;

  static final int MEMORY_FREE = 8;
  static final int MEMORY_USED = 16;

  /** {@code nvmlMemory_v2_t}: version, 4 bytes of padding, total, reserved, free, used. */
  static final int MEMORY_V2_VERSION = 0;

  static final int MEMORY_V2_TOTAL = 8;
  static final int MEMORY_V2_FREE = 24;
  static final int MEMORY_V2_USED = 32;

  /** {@code nvmlTemperature_t} (v1): version, sensorType, temperature (degrees C, signed). */
  static final int TEMPERATURE_VERSION = 0;

  static final int TEMPERATURE_SENSOR = 4;
  static final int TEMPERATURE_VALUE = 8;

  /** {@code nvmlFieldValue_t}, 40 bytes an element. */
  static final int FIELD_VALUE_SIZE = 40;

  static final int FIELD_ID = 0;
  static final int FIELD_SCOPE_ID = 4;
  static final int FIELD_VALUE_TYPE = 24;
  static final int FIELD_RETURN = 28;

  /** The 8-byte union {@code nvmlValue_t}. */
  static final int FIELD_VALUE = 32;

  /** {@code nvmlGpmMetricsGet_t}: version, numMetrics, sample1, sample2, then the metric slots. */
  static final int GPM_GET_VERSION = 0;

  static final int GPM_GET_COUNT = 4;
  static final int GPM_GET_SAMPLE1 = 8;
  static final int GPM_GET_SAMPLE2 = 16;
  static final int GPM_GET_METRICS = 24;

  /** {@code nvmlGpmMetric_t}, 40 bytes a slot: metricId, nvmlReturn, value (double), 3 names. */
  static final int GPM_METRIC_SIZE = 40;

  static final int GPM_METRIC_ID = 0;
  static final int GPM_METRIC_RETURN = 4;
  static final int GPM_METRIC_VALUE = 8;

  /** The whole {@code nvmlGpmMetricsGet_t}: {@code NVML_GPM_METRIC_MAX} (98) slots. */
  static final int GPM_GET_SIZE =
      GPM_GET_METRICS + NvmlStructs.GpmMetricsGet.METRIC_SLOTS * GPM_METRIC_SIZE;

  /**
   * {@code nvmlEventData_t}, 32 bytes: device (handle), eventType, eventData (the XID for XID
   * events), gpuInstanceId, computeInstanceId.
   */
  static final int EVENT_DATA_SIZE = 32;

  static final int EVENT_DEVICE = 0;
  static final int EVENT_TYPE = 8;
  static final int EVENT_DATA = 16;
}
