package io.clusterwatch.protocol.arbitrary;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * Bytes the current thread allocates on the heap while running some code, read from HotSpot's
 * per-thread allocation counter ({@code com.sun.management.ThreadMXBean}): a bound that holds
 * whatever {@code -Xmx} the tests run with.
 */
public final class AllocationMeter {
  private final com.sun.management.ThreadMXBean threads;

  public AllocationMeter() {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t)
        || !t.isThreadAllocatedMemorySupported()) {
      throw new IllegalStateException("this JVM does not count allocated bytes per thread");
    }
    t.setThreadAllocatedMemoryEnabled(true);
    this.threads = t;
  }

  /** What {@code work} returned or threw, and the bytes allocated meanwhile. */
  public record Measured<T>(T value, RuntimeException thrown, long allocatedBytes) {}

  /**
   * Runs {@code work} twice and measures the second run: the first pays one-time costs (classes
   * loaded, Jackson building and caching its deserializers) that are no cost of the input.
   */
  public <T> Measured<T> measure(Supplier<T> work) {
    once(work);
    return once(work);
  }

  private <T> Measured<T> once(Supplier<T> work) {
    long before = threads.getCurrentThreadAllocatedBytes();
    T value = null;
    RuntimeException thrown = null;
    try {
      value = work.get();
    } catch (RuntimeException e) {
      thrown = e;
    }
    return new Measured<>(value, thrown, threads.getCurrentThreadAllocatedBytes() - before);
  }
}
