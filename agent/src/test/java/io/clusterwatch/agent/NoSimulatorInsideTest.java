package io.clusterwatch.agent;

import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The simulator is its own module (simulator/, {@code clusterwatch simulate N}); nothing of it may
 * come back into the agent, whose jar runs on every compute node. The agent's class path (its
 * classes and every dependency the shaded jar bundles) holds neither the old package nor the new.
 */
class NoSimulatorInsideTest {
  @Test
  void theAgentClassPathHoldsNoSimulatorPackage() {
    ClassLoader loader = NoSimulatorInsideTest.class.getClassLoader();
    assertNull(
        loader.getResource("io/clusterwatch/agent/simulate"),
        "io.clusterwatch.agent.simulate is back in the agent");
    assertNull(
        loader.getResource("io/clusterwatch/simulator"),
        "the agent depends on the simulator module");
  }
}
