package io.clusterwatch.agent.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemProcessRunnerTest {
  private final SystemProcessRunner runner = new SystemProcessRunner();

  @Test
  void capturesExitCodeAndBothStreams() throws Exception {
    ProcessRunner.Result r =
        runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(20));
    assertEquals(new ProcessRunner.Result(3, "out\n", "err\n"), r);
  }

  @Test
  void killsACommandThatRunsPastItsLimit() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> runner.run(List.of("sh", "-c", "exec tail -f /dev/null"), Duration.ofMillis(200)));
    assertTrue(e.getMessage().endsWith("ran past its 200 ms limit"), e.getMessage());
  }
}
