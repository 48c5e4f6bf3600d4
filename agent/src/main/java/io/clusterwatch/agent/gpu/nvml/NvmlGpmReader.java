package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.clusterwatch.agent.gpu.GpuGauge;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Profiling metrics through NVML GPM (GPU performance monitoring, Hopper and later). A GPM metric
 * is computed from two samples: each tick takes one new sample per GPU (or per MIG GPU instance)
 * and computes the metrics against the sample of the tick before, so nothing sleeps and the first
 * tick gives nothing. The samples are kept in the {@link NvmlDevice} and freed at shutdown.
 *
 * <p>Where the library lacks a GPM symbol (drivers before R520) or the GPU answers that it has no
 * GPM, the gauges are absent, never zero.
 */
final class NvmlGpmReader {
  /** The whole GPU's sample pair; MIG GPU instances use their instance id (0 and up). */
  static final int WHOLE_GPU = -1;

  private static final double PERCENT = 0.01;

  /** GPM reports throughput in MiB/s. */
  private static final double MIB_PER_SECOND = 1024.0 * 1024.0;

  /** A gauge, its {@code NVML_GPM_METRIC_*} id, and the factor from GPM's unit to the base unit. */
  record Metric(GpuGauge gauge, int id, double factor) {}

  /** nvml.h {@code nvmlGpmMetricId_t}: percentages 0..100, throughput in MiB/s. */
  static final List<Metric> METRICS =
      List.of(
          new Metric(GpuGauge.GRAPHICS_ENGINE_ACTIVE, 1, PERCENT), // GRAPHICS_UTIL
          new Metric(GpuGauge.SM_ACTIVE, 2, PERCENT), // SM_UTIL
          new Metric(GpuGauge.SM_OCCUPANCY, 3, PERCENT), // SM_OCCUPANCY
          new Metric(GpuGauge.TENSOR_ACTIVE, 5, PERCENT), // ANY_TENSOR_UTIL
          new Metric(GpuGauge.DRAM_ACTIVE, 10, PERCENT), // DRAM_BW_UTIL
          new Metric(GpuGauge.FP64_ACTIVE, 11, PERCENT), // FP64_UTIL
          new Metric(GpuGauge.FP32_ACTIVE, 12, PERCENT), // FP32_UTIL
          new Metric(GpuGauge.FP16_ACTIVE, 13, PERCENT), // FP16_UTIL
          new Metric(GpuGauge.PCIE_TRANSMIT, 20, MIB_PER_SECOND), // PCIE_TX_PER_SEC
          new Metric(GpuGauge.PCIE_RECEIVE, 21, MIB_PER_SECOND), // PCIE_RX_PER_SEC
          new Metric(GpuGauge.NVLINK_RECEIVE, 60, MIB_PER_SECOND), // NVLINK_TOTAL_RX_PER_SEC
          new Metric(GpuGauge.NVLINK_TRANSMIT, 61, MIB_PER_SECOND)); // NVLINK_TOTAL_TX_PER_SEC

  /**
   * Every symbol the whole-GPU path calls; MIG instances also need the two in {@link #MIG_SYMBOLS}.
   */
  static final List<String> SYMBOLS =
      List.of(
          "nvmlGpmQueryDeviceSupport",
          "nvmlGpmSampleAlloc",
          "nvmlGpmSampleFree",
          "nvmlGpmSampleGet",
          "nvmlGpmMetricsGet");

  static final List<String> MIG_SYMBOLS =
      List.of("nvmlGpmMigSampleGet", "nvmlDeviceGetGpuInstanceId");

  /**
   * The status check of {@link NvmlDeviceReader}: SUCCESS true, GPU_IS_LOST throws, others false.
   */
  interface Check {
    boolean ok(NvmlDevice device, String call, int code);
  }

  private static final String SUPPORT = "nvmlGpmQueryDeviceSupport";

  /** The fields of {@code nvmlGpmMetricsGet_t} before its metric slots. */
  private static final List<String> HEADER_FIELDS =
      List.of("version", "numMetrics", "sample1", "sample2");

  private static final String NO_GPM = "gpm";

  private final NvmlLibrary api;
  private final Check check;
  private final boolean present;
  private final boolean migPresent;

  NvmlGpmReader(Nvml nvml, Check check) {
    this.api = nvml.api();
    this.check = check;
    this.present = SYMBOLS.stream().allMatch(nvml::has);
    this.migPresent = present && MIG_SYMBOLS.stream().allMatch(nvml::has);
  }

  /**
   * The whole GPU's profiling gauges over the last tick; empty on the first tick or without GPM.
   */
  Map<GpuGauge, Double> readGpu(NvmlDevice device) {
    if (!supported(device)) {
      return Map.of();
    }
    return measure(
        device,
        WHOLE_GPU,
        "nvmlGpmSampleGet",
        sample -> api.nvmlGpmSampleGet(device.handle(), sample));
  }

  /** One MIG device's profiling gauges, through its GPU instance on the parent {@code device}. */
  Map<GpuGauge, Double> readMig(NvmlDevice device, Pointer migHandle) {
    if (!migPresent || !supported(device) || device.unsupported("nvmlGpmMigSampleGet")) {
      return Map.of();
    }
    IntByReference id = device.buffers().uint2;
    if (!check.ok(
        device, "nvmlDeviceGetGpuInstanceId", api.nvmlDeviceGetGpuInstanceId(migHandle, id))) {
      return Map.of();
    }
    int instance = id.getValue();
    return measure(
        device,
        instance,
        "nvmlGpmMigSampleGet",
        sample -> api.nvmlGpmMigSampleGet(device.handle(), instance, sample));
  }

  /** Asked once per GPU: an unsupported answer (or a missing symbol) is remembered. */
  private boolean supported(NvmlDevice device) {
    if (!present || device.unsupported(NO_GPM)) {
      return false;
    }
    if (device.gpmSupportKnown()) {
      return true;
    }
    NvmlStructs.GpmSupport support = new NvmlStructs.GpmSupport();
    support.version = NvmlStructs.GpmSupport.VERSION;
    if (!check.ok(device, SUPPORT, api.nvmlGpmQueryDeviceSupport(device.handle(), support))
        || support.isSupportedDevice == 0) {
      device.markUnsupported(NO_GPM);
      return false;
    }
    device.markGpmSupported();
    return true;
  }

  private interface SampleCall {
    int call(Pointer sample);
  }

  private Map<GpuGauge, Double> measure(
      NvmlDevice device, int instance, String call, SampleCall take) {
    NvmlGpmSamples samples = device.gpmSamples(instance);
    if (!samples.allocated() && !samples.allocate(api, device, check)) {
      device.markUnsupported(NO_GPM);
      return Map.of();
    }
    if (!check.ok(device, call, take.call(samples.next()))) {
      samples.forgetPrevious();
      return Map.of();
    }
    boolean hadPrevious = samples.hasPrevious();
    Pointer earlier = samples.previous();
    Pointer later = samples.next();
    samples.advance();
    if (!hadPrevious) {
      return Map.of();
    }
    NvmlStructs.GpmMetricsGet get = device.buffers().gpmMetrics();
    get.version = NvmlStructs.GpmMetricsGet.VERSION;
    get.numMetrics = METRICS.size();
    get.sample1 = earlier;
    get.sample2 = later;
    for (String field : HEADER_FIELDS) {
      get.writeField(field);
    }
    for (int i = 0; i < METRICS.size(); i++) {
      NvmlStructs.GpmMetric m = get.metrics[i];
      m.metricId = METRICS.get(i).id();
      m.nvmlReturn = NvmlReturn.UNKNOWN;
      m.value = Double.NaN;
      m.write();
    }
    // The struct is synchronised by hand (NvmlBuffers.gpmMetrics): only the slots in use.
    int code = api.nvmlGpmMetricsGet(get);
    if (!check.ok(device, "nvmlGpmMetricsGet", code)) {
      return Map.of();
    }
    for (int i = 0; i < METRICS.size(); i++) {
      get.metrics[i].read();
    }
    Map<GpuGauge, Double> gauges = new EnumMap<>(GpuGauge.class);
    for (int i = 0; i < METRICS.size(); i++) {
      NvmlStructs.GpmMetric m = get.metrics[i];
      Metric metric = METRICS.get(i);
      // each metric has its own status; a failed one is left out, as is a value no unit allows
      if (m.nvmlReturn == NvmlReturn.SUCCESS
          && m.metricId == metric.id()
          && m.value >= 0
          && Double.isFinite(m.value)) {
        gauges.put(metric.gauge(), m.value * metric.factor());
      }
    }
    return gauges;
  }
}
