package io.clusterwatch.hub.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.support.MutableClock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentRegistryTest {
  private final MutableClock clock = new MutableClock(100_000);
  private final AgentRegistry registry = new AgentRegistry(clock, 3, 2);

  private static AgentRegistry.AgentHello hello(String host, String agent, long acked) {
    return new AgentRegistry.AgentHello(host, agent, "boot", "1.0", 1000, acked, Map.of());
  }

  private static final class Conn implements AgentConnection {
    boolean replaced;

    @Override
    public void replaced() {
      replaced = true;
    }
  }

  @Test
  void aStaleHolderLosesItsHostToAnotherAgent() {
    Conn first = new Conn();
    AgentState s = registry.claim(hello("n1", "a", 0), first).state();
    s.frameStored(1, clock.millis(), clock.millis() - 20);
    assertEquals(
        AgentRegistry.Refusal.HOST_HELD, registry.claim(hello("n1", "b", 0), new Conn()).refusal());
    clock.advance(3_001);
    assertTrue(registry.isStale(s));
    assertFalse(registry.isUp(s));
    assertTrue(registry.claim(hello("n1", "b", 0), new Conn()).granted());
    assertTrue(first.replaced);
    assertEquals("b", s.agentId());
    assertEquals(0, s.lastSeq(), "a new agent id starts its own sequence");
  }

  @Test
  void frameFactsAndSmoothedSkew() {
    AgentState s = registry.claim(hello("n1", "a", 0), new Conn()).state();
    s.frameStored(1, 10_000, 9_000);
    assertEquals(1000, s.clockSkewMs(), 1e-9);
    s.frameStored(2, 11_000, 10_000 - 1000);
    assertEquals(1000 + 0.1 * (2000 - 1000), s.clockSkewMs(), 1e-9);
    assertEquals(2, s.framesReceived());
    assertEquals(9_000, s.newestSampleMs());
  }

  @Test
  void resumeKeepsTheSequenceAndCountsResumes() {
    Conn first = new Conn();
    AgentState s = registry.claim(hello("n1", "a", 0), first).state();
    s.frameStored(7, clock.millis(), clock.millis());
    AgentRegistry.Claim again = registry.claim(hello("n1", "a", 7), new Conn());
    assertTrue(first.replaced);
    assertEquals(7, again.state().lastSeq());
    assertEquals(1, again.state().resumes());
  }

  @Test
  void releaseOnlyByTheHolderAndTheAgentLimit() {
    Conn c = new Conn();
    registry.claim(hello("n1", "a", 0), c);
    registry.release("n1", new Conn());
    assertTrue(registry.get("n1").orElseThrow().connected());
    registry.release("n1", c);
    assertFalse(registry.get("n1").orElseThrow().connected());
    registry.claim(hello("n2", "b", 0), new Conn());
    assertEquals(
        AgentRegistry.Refusal.TOO_MANY_AGENTS,
        registry.claim(hello("n3", "c", 0), new Conn()).refusal());
  }
}
