package io.clusterwatch.hub.reload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code clusterwatch_hub_file_reloads_total{file, result}}: files read again after a change, and
 * changes that could not be used (alert on these: a renewal broke and the old certificate will
 * expire).
 */
public final class ReloadMeters {
  private final MeterRegistry registry;

  public ReloadMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void reloaded(String file) {
    counter(file, "loaded").increment();
  }

  void failed(String file) {
    counter(file, "failed").increment();
  }

  /** How many reloads of {@code file} had {@code result} ({@code loaded}, {@code failed}). */
  public double count(String file, String result) {
    return counter(file, result).count();
  }

  private Counter counter(String file, String result) {
    return Counter.builder("clusterwatch.hub.file.reloads")
        .description("Watched files read again after they changed, by file and result")
        .tag("file", file)
        .tag("result", result)
        .register(registry);
  }
}
