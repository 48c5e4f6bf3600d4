package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.protocol.DataFrameCodec;

/** Appends synthetic ticks straight into appenders (no frame decoding), one host after another. */
final class StoreFiller {
  private final SyntheticNode[] nodes;
  private final HostAppender[] appenders;

  StoreFiller(SampleStore store, int hosts) {
    nodes = new SyntheticNode[hosts];
    appenders = new HostAppender[hosts];
    for (int h = 0; h < hosts; h++) {
      nodes[h] = new SyntheticNode(h);
      appenders[h] = store.appender(hostName(h), nodes[h].table);
    }
  }

  static String hostName(int h) {
    return String.format("gpu-node-%04d", h);
  }

  int hosts() {
    return nodes.length;
  }

  /** One tick of host {@code h} at tick number {@code t} (1 s apart, from {@code startMs}). */
  void tick(int h, long t, long startMs) {
    HostAppender appender = appenders[h];
    DataFrameCodec.ValueVisitor visitor = appender.begin(startMs + t * 1_000);
    if (visitor == null) {
      throw new IllegalStateException("tick " + t + " of host " + h + " was refused");
    }
    SyntheticNode node = nodes[h];
    for (int i = 0; i < SyntheticNode.SERIES; i++) {
      visitor.value(i, node.bits(i, t));
    }
    appender.commit();
  }

  /** Ticks {@code 0..ticks-1} of every host, time-major like a live cluster. */
  void fill(long ticks, long startMs) {
    for (long t = 0; t < ticks; t++) {
      for (int h = 0; h < nodes.length; h++) {
        tick(h, t, startMs);
      }
    }
  }
}
