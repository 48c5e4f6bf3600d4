package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.store.chunk.CounterCodec;
import io.clusterwatch.hub.store.chunk.XorFloatCodec;
import io.clusterwatch.protocol.DataFrameCodec;

/**
 * Bytes per sample of the sealed-chunk codecs and of the write-ahead log on the 200-series node of
 * {@link SyntheticNode} (wandering gauges, counters with a wobble: a hard case), one hour of 1 s
 * samples per chunk, and the encode cost per sample. Run: {@code java -cp ... ChunkCodecBenchmark}.
 */
public final class ChunkCodecBenchmark {
  private static final int SLOTS = 3600;

  private ChunkCodecBenchmark() {}

  public static void main(String[] args) {
    SyntheticNode node = new SyntheticNode(1);
    int series = SyntheticNode.SERIES;
    long[][] raw = new long[series][SLOTS];
    for (int i = 0; i < series; i++) {
      for (int t = 0; t < SLOTS; t++) {
        raw[i][t] = node.bits(i, t);
      }
    }
    long bytes = 0;
    long start = 0;
    for (int round = 0; round < 6; round++) {
      if (round == 3) {
        start = System.nanoTime(); // the first rounds warm the JIT
        bytes = 0;
      }
      for (int i = 0; i < series; i++) {
        boolean counter = node.table.get(i).type() == io.clusterwatch.protocol.MetricType.COUNTER;
        if (counter) {
          bytes += CounterCodec.encode(raw[i], null, SLOTS).length;
        } else {
          float[] f = new float[SLOTS];
          for (int t = 0; t < SLOTS; t++) {
            f[t] = (float) Double.longBitsToDouble(raw[i][t]);
          }
          bytes += XorFloatCodec.encode(f, 0, SLOTS).length;
        }
      }
    }
    long ns = System.nanoTime() - start;
    double samples = 3.0 * series * SLOTS;
    System.out.printf(
        "sealed chunks: %.2f bytes/sample, encode %.1f ns/sample%n", bytes / samples, ns / samples);
    int frame = DataFrameCodec.frameLength(series);
    int record = frame + 8 + 3 + "gpu-node-01".length();
    System.out.printf(
        "write-ahead log: %d bytes per %d-series frame record = %.2f bytes/sample%n",
        record, series, (double) record / series);
  }
}
