package io.clusterwatch.agent.gpu;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorFactory;
import io.clusterwatch.agent.exec.ProcessRunner;
import io.clusterwatch.agent.exec.SystemProcessRunner;
import io.clusterwatch.agent.gpu.nvml.Nvml;
import io.clusterwatch.agent.gpu.nvml.NvmlGpuBackend;
import io.clusterwatch.agent.gpu.nvml.NvmlLoader;
import io.clusterwatch.agent.gpu.nvml.NvmlUnavailableException;
import io.clusterwatch.agent.gpu.nvml.NvmlWatchdog;
import io.clusterwatch.agent.gpu.smi.NvidiaSmiBackend;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates the {@code gpu} collector from {@code collectors.gpu} ({@link GpuSettings}).
 *
 * <ul>
 *   <li>{@code auto}: NVML when the library loads and {@code nvmlInit_v2} succeeds, else nvidia-smi
 *       when it runs, else no collector (one INFO line). A missing GPU library means no GPUs, never
 *       a failure.
 *   <li>{@code nvml} / {@code nvidia-smi}: that backend, or an {@link IllegalArgumentException}
 *       naming the library or executable when it cannot be used.
 *   <li>{@code none}: no collector.
 * </ul>
 */
public final class GpuCollectorFactory implements CollectorFactory<GpuSettings> {
  private final NvmlLoader loader;
  private final ProcessRunner runner;

  public GpuCollectorFactory() {
    this(new NvmlLoader(), new SystemProcessRunner());
  }

  GpuCollectorFactory(NvmlLoader loader, ProcessRunner runner) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  @Override
  public String name() {
    return "gpu";
  }

  @Override
  public Class<GpuSettings> settingsType() {
    return GpuSettings.class;
  }

  @Override
  public Optional<Collector> create(CollectorContext context, GpuSettings settings) {
    System.Logger log = context.log();
    switch (settings.backend()) {
      case "none":
        log.log(System.Logger.Level.INFO, "gpu: backend none, GPUs are not read");
        return Optional.empty();
      case "nvml":
        try {
          return Optional.of(new GpuCollector(openNvml(settings, context)));
        } catch (NvmlUnavailableException e) {
          throw new IllegalArgumentException("collectors.gpu.backend nvml: " + e.getMessage(), e);
        }
      case "nvidia-smi":
        try {
          return Optional.of(new GpuCollector(openSmi(settings, log)));
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "collectors.gpu.backend nvidia-smi: " + settings.nvidiaSmi() + ": " + e.getMessage(),
              e);
        }
      case "auto":
        return auto(settings, context);
      default:
        throw new IllegalArgumentException(
            "collectors.gpu.backend: unknown value '"
                + settings.backend()
                + "' (expected auto, nvml, nvidia-smi or none)");
    }
  }

  private Optional<Collector> auto(GpuSettings settings, CollectorContext context) {
    String nvmlProblem;
    try {
      return Optional.of(new GpuCollector(openNvml(settings, context)));
    } catch (NvmlUnavailableException e) {
      nvmlProblem = e.getMessage();
    }
    String smiProblem;
    try {
      return Optional.of(new GpuCollector(openSmi(settings, context.log())));
    } catch (IOException e) {
      smiProblem = settings.nvidiaSmi() + ": " + e.getMessage();
    }
    context.log().log(
        System.Logger.Level.INFO,
        "gpu: no GPUs found (NVML: {0}; nvidia-smi: {1})",
        nvmlProblem,
        smiProblem);
    return Optional.empty();
  }

  private GpuBackend openNvml(GpuSettings settings, CollectorContext context) {
    Nvml nvml = loader.load(settings.nvmlLibrary());
    NvmlWatchdog watchdog = new NvmlWatchdog(settings.callTimeout());
    try {
      NvmlGpuBackend backend =
          NvmlGpuBackend.open(
              nvml,
              watchdog,
              context.clock(),
              settings.processInterval(),
              context.log(),
              (gpu, xid) -> {});
      context.log().log(
          System.Logger.Level.INFO,
          "gpu: NVML from {0}, {1} GPU(s)",
          nvml.location(),
          backend.gpus().size());
      return backend;
    } catch (RuntimeException e) {
      watchdog.close();
      throw e;
    }
  }

  private GpuBackend openSmi(GpuSettings settings, System.Logger log) throws IOException {
    NvidiaSmiBackend backend =
        new NvidiaSmiBackend(settings.nvidiaSmi(), runner, settings.callTimeout());
    int gpus = backend.read().size();
    log.log(
        System.Logger.Level.INFO, "gpu: nvidia-smi ({0}), {1} GPU(s)", settings.nvidiaSmi(), gpus);
    return backend;
  }
}
