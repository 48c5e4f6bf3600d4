package io.clusterwatch.agent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    CommandTimeoutException e =
        assertThrows(
            CommandTimeoutException.class,
            () ->
                runner.run(List.of("sh", "-c", "exec tail -f /dev/null"), Duration.ofMillis(200)));
    assertTrue(e.getMessage().endsWith("ran past its 200 ms limit"), e.getMessage());
  }

  @Test
  void aMissingExecutableIsAnIoErrorButNoTimeout() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> runner.run(List.of("/nonexistent/nvidia-smi"), Duration.ofSeconds(5)));
    assertFalse(e instanceof CommandTimeoutException, e.toString());
  }
}
