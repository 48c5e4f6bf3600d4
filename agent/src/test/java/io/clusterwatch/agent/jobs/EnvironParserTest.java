package io.clusterwatch.agent.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironParserTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void nulSeparatedEntries() {
    Map<String, String> env =
        EnvironParser.parse(
            bytes(
                "SLURM_JOB_ID=4242\0SLURM_JOB_GPUS=0,2\0CUDA_VISIBLE_DEVICES=0,1\0EMPTY=\0A=b=c\0"));
    assertEquals(
        Map.of(
            "SLURM_JOB_ID", "4242",
            "SLURM_JOB_GPUS", "0,2",
            "CUDA_VISIBLE_DEVICES", "0,1",
            "EMPTY", "",
            "A", "b=c"),
        env);
  }

  @Test
  void firstOccurrenceWinsAndJunkIsSkipped() {
    Map<String, String> env = EnvironParser.parse(bytes("X=1\0noequals\0=v\0X=2\0\0\0"));
    assertEquals(Map.of("X", "1"), env);
  }

  @Test
  void lastEntryWithoutTrailingNul() {
    assertEquals(Map.of("X", "1", "Y", "2"), EnvironParser.parse(bytes("X=1\0Y=2")));
    assertEquals(Map.of(), EnvironParser.parse(new byte[0]));
  }
}
