package io.clusterwatch.simulator.cluster;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One simulated tick of a whole cluster: the scheduler's step and every node's samples (about 500
 * series each), without encoding or sending. Simulated time advances 1 s per operation, so jobs
 * start and end as they do in a demo. Run: see docs/benchmarks/simulator.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClusterModelBenchmark {
  @Param({"1", "16"})
  public int nodes;

  private ClusterModel model;
  private long nowMs;

  @Setup
  public void setUp() {
    nowMs = 1_780_000_000_000L;
    model = new ClusterModel(nodes, 1, nowMs);
  }

  @Benchmark
  public List<NodeTick> tick() {
    nowMs += 1000;
    return model.tick(nowMs);
  }
}
