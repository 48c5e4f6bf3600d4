package io.clusterwatch.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ChecksTest {
  private static String problem(Executable check) {
    return assertThrows(ConfigException.class, check).getMessage();
  }

  @Test
  void eachCheckNamesTheKeyAndTheValue() {
    assertEquals(
        "interval: must be at least 100ms, got 50ms",
        problem(() -> Checks.atLeast("interval", Duration.ofMillis(50), Duration.ofMillis(100))));
    assertEquals("url: is required", problem(() -> Checks.nonEmpty("url", " ")));
    assertEquals(
        "backend: expected one of auto, nvml, got 'cuda'",
        problem(() -> Checks.oneOf("backend", "cuda", List.of("auto", "nvml"))));
    assertEquals(
        "port: must be between 0 and 65535, got 70000",
        problem(() -> Checks.inRange("port", 70000, 0, 65535)));
    assertEquals(
        "idle_threshold_ratio: must be a ratio from 0 to 1 (0.05 is 5 %), got 1.5",
        problem(() -> Checks.ratio("idle_threshold_ratio", 1.5)));
    assertEquals(
        "hello_timeout: must be between 1ms and 1h, got 2h",
        problem(
            () ->
                Checks.between(
                    "hello_timeout",
                    Duration.ofHours(2),
                    Duration.ofMillis(1),
                    Duration.ofHours(1))));
    assertEquals(
        "max_frame: must be between 64 and 1GiB, got 32",
        problem(
            () ->
                Checks.between(
                    "max_frame", new ByteSize(32), new ByteSize(64), ByteSize.ofGiB(1))));
  }

  @Test
  void goodValuesPassThrough() {
    assertEquals(
        Duration.ofSeconds(1),
        Checks.atLeast("interval", Duration.ofSeconds(1), Duration.ofMillis(100)));
    assertEquals("nvml", Checks.oneOf("backend", "nvml", List.of("auto", "nvml")));
    assertEquals("x", Checks.nonEmpty("url", "x"));
    assertEquals(
        Duration.ofHours(1),
        Checks.between(
            "hello_timeout", Duration.ofHours(1), Duration.ofMillis(1), Duration.ofHours(1)));
    assertEquals(
        new ByteSize(64),
        Checks.between("max_frame", new ByteSize(64), new ByteSize(64), ByteSize.ofGiB(1)));
  }
}
