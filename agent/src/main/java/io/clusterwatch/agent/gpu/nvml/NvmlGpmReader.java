package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.clusterwatch.agent.gpu.GpuGauge;
import io.clusterwatch.agent.gpu.GpuReading;
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

  private static final String NO_GPM = "gpm";

  private final NvmlLibrary api;
  private final NvmlDirectCalls calls;
  private final Check check;
  private final boolean present;
  private final boolean migPresent;

  NvmlGpmReader(Nvml nvml, Check check) {
    this.api = nvml.api();
    this.calls = nvml.calls();
    this.check = check;
    this.present = SYMBOLS.stream().allMatch(nvml::has);
    this.migPresent = present && MIG_SYMBOLS.stream().allMatch(nvml::has);
  }

  /** Where the gauges of one measurement go. */
  interface Gauges {
    void gauge(GpuGauge gauge, double value);
  }

  /**
   * Adds the whole GPU's profiling gauges over the last tick to {@code reading}; none on the first
   * tick or without GPM.
   */
  void readGpu(NvmlDevice device, GpuReading.Builder reading) {
    if (supported(device)) {
      measure(
          device,
          WHOLE_GPU,
          "nvmlGpmSampleGet",
          sample -> calls.gpmSampleGet(device.address(), Pointer.nativeValue(sample)),
          reading::gauge);
    }
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
    Map<GpuGauge, Double> gauges = new EnumMap<>(GpuGauge.class);
    measure(
        device,
        instance,
        "nvmlGpmMigSampleGet",
        sample -> api.nvmlGpmMigSampleGet(device.handle(), instance, sample),
        gauges::put);
    return gauges;
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

  private void measure(
      NvmlDevice device, int instance, String call, SampleCall take, Gauges gauges) {
    NvmlGpmSamples samples = device.gpmSamples(instance);
    if (!samples.allocated() && !samples.allocate(api, device, check)) {
      device.markUnsupported(NO_GPM);
      return;
    }
    if (!check.ok(device, call, take.call(samples.next()))) {
      samples.forgetPrevious();
      return;
    }
    boolean hadPrevious = samples.hasPrevious();
    Pointer earlier = samples.previous();
    Pointer later = samples.next();
    samples.advance();
    if (!hadPrevious) {
      return;
    }
    // Only the header and the slots in use are written and read (NvmlBuffers.gpmMetrics).
    Memory get = device.buffers().gpmMetrics();
    get.setInt(NvmlLayout.GPM_GET_VERSION, NvmlStructs.GpmMetricsGet.VERSION);
    get.setInt(NvmlLayout.GPM_GET_COUNT, METRICS.size());
    get.setPointer(NvmlLayout.GPM_GET_SAMPLE1, earlier);
    get.setPointer(NvmlLayout.GPM_GET_SAMPLE2, later);
    for (int i = 0; i < METRICS.size(); i++) {
      long slot = NvmlLayout.GPM_GET_METRICS + (long) i * NvmlLayout.GPM_METRIC_SIZE;
      get.setInt(slot + NvmlLayout.GPM_METRIC_ID, METRICS.get(i).id());
      get.setInt(slot + NvmlLayout.GPM_METRIC_RETURN, NvmlReturn.UNKNOWN);
      get.setDouble(slot + NvmlLayout.GPM_METRIC_VALUE, Double.NaN);
    }
    int code = calls.gpmMetricsGet(Pointer.nativeValue(get));
    if (!check.ok(device, "nvmlGpmMetricsGet", code)) {
      return;
    }
    for (int i = 0; i < METRICS.size(); i++) {
      long slot = NvmlLayout.GPM_GET_METRICS + (long) i * NvmlLayout.GPM_METRIC_SIZE;
      Metric metric = METRICS.get(i);
      double value = get.getDouble(slot + NvmlLayout.GPM_METRIC_VALUE);
      // each metric has its own status; a failed one is left out, as is a value no unit allows
      if (get.getInt(slot + NvmlLayout.GPM_METRIC_RETURN) == NvmlReturn.SUCCESS
          && get.getInt(slot + NvmlLayout.GPM_METRIC_ID) == metric.id()
          && value >= 0
          && Double.isFinite(value)) {
        gauges.gauge(metric.gauge(), value * metric.factor());
      }
    }
  }
}
