package io.clusterwatch.hub.support;

import static io.clusterwatch.hub.support.TestTables.GPU0;
import static io.clusterwatch.hub.support.TestTables.GPU1;

import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import io.clusterwatch.protocol.message.Welcome;
import java.util.List;
import java.util.Map;

/**
 * Two nodes fed through real agent connections, with the hub clock at {@link #NOW}:
 *
 * <ul>
 *   <li>node-a: GPU 0 at 90 % in job 4711 (alice) since T0; GPU 1 at 0 % holding 2 GB, held by job
 *       "short" from T0+3 s to T0+5 s, free now;
 *   <li>node-b: both GPUs held by job "idle-job" (bob) since T0, GPU 0 at 0.5 %, GPU 1 at 0 %.
 * </ul>
 *
 * Frames 1..8 at T0+1 s .. T0+8 s on both nodes.
 */
public final class Scenario {
  public static final long T0 = 1_764_072_000_000L;
  public static final long NOW = T0 + 9_000;
  public static final int FRAMES = 8;

  private Scenario() {}

  public static MutableClock clock() {
    return new MutableClock(NOW);
  }

  /** Feeds both nodes and returns once every frame is acknowledged; the agents stay connected. */
  public static List<TestAgent> feed(TestHub hub) {
    TestAgent a = hub.agent();
    a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
    a.next(Welcome.class);
    a.send(
        new JobEvent(
            JobEvent.STARTED,
            T0,
            new JobInfo(
                "4711",
                "alice",
                "llama-ft",
                List.of(GPU0),
                T0,
                "simulator",
                Map.of("account", "cs101", "partition", "gpu"))));
    a.send(
        new JobEvent(
            JobEvent.STARTED,
            T0 + 3000,
            new JobInfo(
                "short", "carol", "probe", List.of(GPU1), T0 + 3000, "simulator", Map.of())));
    a.send(
        new JobEvent(
            JobEvent.ENDED,
            T0 + 5000,
            new JobInfo(
                "short", "carol", "probe", List.of(GPU1), T0 + 3000, "simulator", Map.of())));
    TestAgent b = hub.agent();
    b.send(TestAgent.hello("node-b", "agent-b", TestTables.node(1), 0));
    b.next(Welcome.class);
    b.send(
        new JobEvent(
            JobEvent.STARTED,
            T0,
            new JobInfo(
                "idle-job", "bob", "notebook", List.of(GPU0, GPU1), T0, "simulator", Map.of())));
    for (int seq = 1; seq <= FRAMES; seq++) {
      a.sendBinary(TestTables.nodeFrame(1, seq, T0 + seq * 1000L, 0.9, 0.0));
      b.sendBinary(TestTables.nodeFrame(1, seq, T0 + seq * 1000L, 0.005, 0.0));
    }
    a.awaitAck(FRAMES);
    b.awaitAck(FRAMES);
    return List.of(a, b);
  }
}
