package io.clusterwatch.agent.jobcgroup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.agent.host.HostFileFormatException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table tests of the cgroup file parsers on the kernel's own text. */
class CgroupFileParsersTest {
  private static String nl(String s) {
    return s.replace("\\n", "\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // v2 cpu.stat, Linux 6.x
        "usage_usec 7385432190\\nuser_usec 6904117502\\nsystem_usec 481314688\\ncore_sched.force_idle_usec 0\\nnr_periods 52140\\nnr_throttled 311\\nthrottled_usec 9402771\\nnr_bursts 0\\nburst_usec 0\\n|user_usec|6904117502",
        "usage_usec 7385432190\\nuser_usec 6904117502\\nsystem_usec 481314688\\nnr_periods 52140\\nnr_throttled 311\\nthrottled_usec 9402771\\n|throttled_usec|9402771",
        // v1 cpu.stat
        "nr_periods 1200\\nnr_throttled 40\\nthrottled_time 2500000000\\n|throttled_time|2500000000",
        // v2 memory.events
        "low 0\\nhigh 0\\nmax 17\\noom 2\\noom_kill 2\\noom_group_kill 0\\n|oom_kill|2",
        // v1 memory.oom_control, 4.13+
        "oom_kill_disable 0\\nunder_oom 0\\noom_kill 1\\n|oom_kill|1",
      })
  void flatKeyed(String text, String key, long value) throws Exception {
    assertEquals(value, FlatKeyedParser.parse(nl(text), "cpu.stat").get(key));
  }

  @Test
  void flatKeyedRejectsALineWithoutAValue() {
    HostFileFormatException e =
        assertThrows(
            HostFileFormatException.class,
            () -> FlatKeyedParser.parse("usage_usec 5\nuser_usec\n", "job_1/cpu.stat"));
    assertEquals("job_1/cpu.stat:2: expected 'key value', got 'user_usec'", e.getMessage());
  }

  @Test
  void ioStatPerDeviceIgnoringDiscardsAndCostKeys() throws Exception {
    List<DeviceIo> d =
        IoStatParser.parse(
            nl(
                "259:0 rbytes=882390994944 wbytes=14273536000 rios=6893677 wios=108921 dbytes=0 dios=0\\n"
                    + "8:0 rbytes=1459200 wbytes=314773504 rios=192 wios=353 dbytes=0 dios=0 cost.vrate=135.00 cost.usage=3\\n"),
            "io.stat");
    assertEquals(
        List.of(
            new DeviceIo("259:0", 882390994944L, 14273536000L, 6893677, 108921),
            new DeviceIo("8:0", 1459200, 314773504, 192, 353)),
        d);
    assertEquals(List.of(), IoStatParser.parse("", "io.stat"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "sda rbytes=1|io.stat:1: expected a device 'MAJ:MIN', got 'sda'",
        "8:0 rbytes=1 wbytes|io.stat:1: expected 'key=value', got 'wbytes'",
        "8:0 rbytes=x|io.stat:1: expected an unsigned 64-bit integer, got 'x'",
      })
  void ioStatErrors(String text, String message) {
    assertEquals(
        message,
        assertThrows(HostFileFormatException.class, () -> IoStatParser.parse(text, "io.stat"))
            .getMessage());
  }

  @Test
  void blkioReadsAndWritesPerDeviceWithoutTheTotalLine() throws Exception {
    Map<String, long[]> b =
        BlkioParser.parse(
            nl(
                "8:0 Read 40960000\\n8:0 Write 12288000\\n8:0 Sync 53248000\\n8:0 Async 0\\n8:0 Discard 0\\n8:0 Total 53248000\\n"
                    + "8:16 Read 4096\\n8:16 Write 0\\n8:16 Sync 4096\\n8:16 Async 0\\n8:16 Total 4096\\nTotal 53252096\\n"),
            "blkio.throttle.io_service_bytes");
    assertEquals(List.of("8:0", "8:16"), List.copyOf(b.keySet()));
    assertArrayEquals(new long[] {40960000, 12288000}, b.get("8:0"));
    assertArrayEquals(new long[] {4096, 0}, b.get("8:16"));
    // a cgroup that did no I/O has only the closing line (as on a fresh v1 host)
    assertEquals(Map.of(), BlkioParser.parse("Total 0\n", "blkio.throttle.io_serviced"));
  }

  @Test
  void blkioUnknownOperationIsNamed() {
    assertEquals(
        "blkio:1: unknown operation 'Merged'",
        assertThrows(
                HostFileFormatException.class, () -> BlkioParser.parse("8:0 Merged 5\n", "blkio"))
            .getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "max, -1",
    "68719476736, 68719476736",
  })
  void v2Limit(String text, long bytes) throws Exception {
    assertEquals(
        bytes < 0 ? OptionalLong.empty() : OptionalLong.of(bytes),
        MemoryLimit.v2(text + "\n", "memory.max"));
  }

  @ParameterizedTest
  @CsvSource({
    "9223372036854771712, -1", // unlimited, 4 KiB pages
    "9223372036854710272, -1", // unlimited, 64 KiB pages
    "34359738368, 34359738368",
  })
  void v1Limit(String text, long bytes) throws Exception {
    assertEquals(
        bytes < 0 ? OptionalLong.empty() : OptionalLong.of(bytes),
        MemoryLimit.v1(text + "\n", "memory.limit_in_bytes"));
  }

  @Test
  void v2LimitRejectsOtherWords() {
    assertEquals(
        "job_1/memory.max: expected an unsigned 64-bit integer, got 'unlimited'",
        assertThrows(
                HostFileFormatException.class,
                () -> MemoryLimit.v2("unlimited", "job_1/memory.max"))
            .getMessage());
  }
}
