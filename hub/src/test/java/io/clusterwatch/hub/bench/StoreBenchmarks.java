package io.clusterwatch.hub.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the store's JMH benchmarks briefly (one fork, 2 warm-up and 3 measured iterations of 3 s).
 * Optional argument: a regular expression of benchmarks to run (default: every Store benchmark).
 */
public final class StoreBenchmarks {
  private StoreBenchmarks() {}

  public static void main(String[] args) throws RunnerException {
    String include =
        args.length > 0 ? args[0] : "io.clusterwatch.hub.bench.Store(Append|Query)Benchmark";
    Options options =
        new OptionsBuilder()
            .include(include)
            .forks(1)
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(3))
            .measurementIterations(3)
            .measurementTime(TimeValue.seconds(3))
            .jvmArgsAppend("-Xms3g", "-Xmx3g")
            .build();
    new Runner(options).run();
  }
}
