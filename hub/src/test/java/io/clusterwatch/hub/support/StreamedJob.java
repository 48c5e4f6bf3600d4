package io.clusterwatch.hub.support;

import static io.clusterwatch.hub.support.Scenario.T0;
import static io.clusterwatch.hub.support.TestTables.GPU0;

import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import io.clusterwatch.protocol.message.Welcome;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Node {@code node-a} streaming into a test hub under job 4711 (alice, "llama-ft", GPU 0): a frame
 * a second from {@link Scenario#T0}, GPU 0's utilisation given per frame and its memory share the
 * rest. Returns once the hub has acknowledged every frame.
 */
public final class StreamedJob {
  public static final String JOB = "4711";

  private StreamedJob() {}

  /**
   * @param utilization utilisation ratio of frame {@code seq} (1 to {@code frames})
   * @return the agent, still connected
   */
  public static TestAgent stream(TestHub hub, int frames, IntToDoubleFunction utilization) {
    TestAgent agent = hub.agent();
    agent.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
    agent.next(Welcome.class);
    agent.send(
        new JobEvent(
            JobEvent.STARTED,
            T0,
            new JobInfo(JOB, "alice", "llama-ft", List.of(GPU0), T0, "simulator", Map.of())));
    for (int seq = 1; seq <= frames; seq++) {
      double util = utilization.applyAsDouble(seq);
      agent.sendBinary(TestTables.nodeFrame(1, seq, T0 + seq * 1000L, util, 1 - util));
    }
    agent.awaitAck(frames);
    return agent;
  }
}
