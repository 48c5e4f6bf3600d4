package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.store.chunk.XorFloatCodec;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The raw tier's compression of one closing sub-chunk (64 values of one series) and its
 * decompression, as a query reads it, in nanoseconds per value, with the hub's compiler settings
 * (C1 only, SerialGC: the launcher's). The sub-chunks mix what a GPU node sends: utilisation in
 * whole percent, power with decimals, temperatures that move a degree now and then, byte rates, and
 * flat series; every one changes somewhere, so none takes the constant-chunk shortcut.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"})
public class XorFloatCodecBenchmark {
  private static final int SLOTS = 64;
  private static final int CHUNKS = 512;

  private final float[][] chunks = new float[CHUNKS][];
  private final byte[][] encoded = new byte[CHUNKS][];
  private final float[] decoded = new float[SLOTS];
  private int next;

  @Setup
  public void generate() {
    SplittableRandom r = new SplittableRandom(42);
    for (int c = 0; c < CHUNKS; c++) {
      float[] v = new float[SLOTS];
      double level = r.nextDouble(0, 100);
      for (int i = 0; i < SLOTS; i++) {
        v[i] =
            switch (c % 5) {
              case 0 -> (float) Math.rint(Math.max(0, Math.min(100, level += r.nextInt(-5, 6))));
              case 1 -> (float) (Math.rint((300 + 3 * level + r.nextGaussian() * 20) * 100) / 100);
              case 2 -> (float) (40 + Math.rint(level / 10) + (r.nextInt(8) == 0 ? 1 : 0));
              case 3 -> (float) (r.nextDouble(0, 1e9) * level);
              default -> i < SLOTS - 1 ? (float) level : (float) level + 1;
            };
      }
      chunks[c] = v;
      encoded[c] = XorFloatCodec.encode(v, 0, SLOTS);
    }
  }

  @Benchmark
  @OperationsPerInvocation(SLOTS)
  public byte[] encode() {
    float[] v = chunks[next];
    next = (next + 1) % CHUNKS;
    return XorFloatCodec.encode(v, 0, SLOTS);
  }

  @Benchmark
  @OperationsPerInvocation(SLOTS)
  public float[] decode() {
    byte[] bytes = encoded[next];
    next = (next + 1) % CHUNKS;
    XorFloatCodec.decode(bytes, 0, bytes.length, SLOTS, decoded, 0);
    return decoded;
  }
}
