package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Append throughput on one thread, in samples per second: each invocation stores one 200-series
 * tick of the next host (hosts take turns, time advances 1 s per round), through the default tiers
 * (raw, 10 s, 60 s). {@code appendTick} feeds the appender directly; {@code decodeAndAppend} also
 * decodes a wire frame (encoded once per host, re-stamped per tick), as ingest does. The store
 * starts with an hour of data, so the raw rings are full and wrap.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreAppendBenchmark {
  private static final long START_MS = 1_767_225_600_000L;
  private static final int FRAME_TIMESTAMP_OFFSET = 16;

  @Param({"100"})
  public int hosts;

  private StoreFiller filler;
  private SyntheticNode[] nodes;
  private HostAppender[] appenders;
  private byte[][] frames;
  private long tick;
  private int host;

  @Setup
  public void fill() {
    ColumnarSampleStore store = new ColumnarSampleStore(StoreConfig.defaults());
    filler = new StoreFiller(store, hosts);
    filler.fill(3_600, START_MS);
    tick = 3_600;
    nodes = new SyntheticNode[hosts];
    appenders = new HostAppender[hosts];
    frames = new byte[hosts][];
    for (int h = 0; h < hosts; h++) {
      nodes[h] = new SyntheticNode(h);
      appenders[h] = store.appender(StoreFiller.hostName(h), nodes[h].table);
      DataFrame frame = DataFrame.empty(1, 1, START_MS, SyntheticNode.SERIES);
      for (int i = 0; i < SyntheticNode.SERIES; i++) {
        frame.set(i, nodes[h].bits(i, tick));
      }
      frames[h] = DataFrameCodec.encode(frame);
    }
  }

  private void next() {
    if (++host == hosts) {
      host = 0;
      tick++;
    }
  }

  @Benchmark
  @OperationsPerInvocation(SyntheticNode.SERIES)
  public void appendTick() {
    filler.tick(host, tick, START_MS);
    next();
  }

  @Benchmark
  @OperationsPerInvocation(SyntheticNode.SERIES)
  public void decodeAndAppend() {
    long ts = START_MS + tick * 1_000;
    // the host's frame, re-stamped: values repeat (counter rates are 0), decoding is real
    ByteBuffer wire = ByteBuffer.wrap(frames[host]);
    wire.putLong(FRAME_TIMESTAMP_OFFSET, ts);
    HostAppender appender = appenders[host];
    DataFrameCodec.ValueVisitor visitor = appender.begin(ts);
    DataFrameCodec.decode(wire, nodes[host].table, visitor);
    appender.commit();
    next();
  }
}
