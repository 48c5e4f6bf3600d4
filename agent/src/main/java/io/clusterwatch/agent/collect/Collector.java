package io.clusterwatch.agent.collect;

import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.util.List;

/**
 * Reads one source (a procfs file, a sysfs class, NVML) once per tick. Holds no static state.
 *
 * <p>An empty list means nothing to report; an exception means the collection failed (the runner
 * marks the collector unsuccessful and keeps going). A missing optional file gives no sample, never
 * a zero.
 */
public interface Collector extends AutoCloseable {
  /** The collector's name, equal to its config key, e.g. {@code diskstats}. */
  String name();

  /** One reading of every series this collector knows. Called from one thread at a time. */
  List<Sample> collect() throws IOException;

  @Override
  default void close() {}
}
