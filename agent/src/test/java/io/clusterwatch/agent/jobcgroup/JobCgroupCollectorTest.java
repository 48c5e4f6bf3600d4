package io.clusterwatch.agent.jobcgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.testing.Fixtures;
import io.clusterwatch.agent.testing.RecordingLogger;
import io.clusterwatch.agent.testing.TestContexts;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.SeriesKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobCgroupCollectorTest {
  static final String POD_V2 = "1c1e6e7b-3f0a-4b8e-9d2c-5a6f7e8d9c0b";
  static final String POD_V1 = "5b0b8f3e-2d6c-4a51-9c1e-7d8e9f0a1b2c";

  private static Collector collector(HostPaths paths, int maxJobs, RecordingLogger log) {
    return new JobCgroupCollectorFactory()
        .create(TestContexts.context(paths, log), new JobCgroupSettings(null, maxJobs))
        .orElseThrow();
  }

  private static Map<SeriesKey, Sample> byKey(List<Sample> samples) {
    Map<SeriesKey, Sample> out = new TreeMap<>();
    for (Sample s : samples) {
      if (out.put(s.key(), s) != null) {
        throw new AssertionError("two samples for " + s.key());
      }
    }
    return out;
  }

  private static Sample get(Map<SeriesKey, Sample> m, String metric, String... labels) {
    Sample s = m.get(new SeriesKey(metric, Labels.of(labels)));
    if (s == null) {
      throw new AssertionError("no " + metric + Labels.of(labels) + " in " + m.keySet());
    }
    return s;
  }

  private static void assertCounter(Sample s, long raw, double seconds) {
    assertEquals(MetricType.COUNTER, s.type(), s.key().toString());
    assertEquals(raw, s.counterValue(), s.key().toString());
    assertEquals(seconds, s.doubleValue(), 1e-9 * Math.max(1, seconds), s.key().toString());
  }

  private static Set<String> jobIds(List<Sample> samples) {
    return samples.stream()
        .map(s -> s.labels().get("job_id"))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  @Test
  void cgroupV2SlurmJobEverything() throws Exception {
    Map<SeriesKey, Sample> m =
        byKey(collector(Fixtures.hostPaths("cgroups-v2"), 64, new RecordingLogger()).collect());
    String[] job = {"job_id", "4242"};
    assertCounter(
        get(m, "job_cpu_seconds_total", "job_id", "4242", "mode", "user"),
        6904117502L,
        6904.117502);
    assertCounter(
        get(m, "job_cpu_seconds_total", "job_id", "4242", "mode", "system"),
        481314688L,
        481.314688);
    assertCounter(get(m, "job_cpu_throttled_seconds_total", job), 9402771L, 9.402771);
    assertCounter(get(m, "job_cpu_throttled_periods_total", job), 311, 311);
    assertEquals(45101068288.0, get(m, "job_memory_bytes", job).gaugeValue());
    assertEquals(61203456000.0, get(m, "job_memory_peak_bytes", job).gaugeValue());
    assertEquals(68719476736.0, get(m, "job_memory_limit_bytes", job).gaugeValue());
    assertCounter(get(m, "job_oom_kills_total", job), 2, 2);
    // io.stat devices named as the node's disk series, through sys/dev/block/MAJ:MIN/uevent
    assertCounter(
        get(m, "job_disk_read_bytes_total", "job_id", "4242", "device", "nvme0n1"),
        882390994944L,
        882390994944.0);
    assertCounter(
        get(m, "job_disk_written_bytes_total", "job_id", "4242", "device", "nvme0n1"),
        14273536000L,
        14273536000.0);
    assertCounter(
        get(m, "job_disk_reads_completed_total", "job_id", "4242", "device", "nvme0n1"),
        6893677,
        6893677);
    assertCounter(
        get(m, "job_disk_writes_completed_total", "job_id", "4242", "device", "sda"), 353, 353);
    assertCounter(get(m, "job_pressure_cpu_waiting_seconds_total", job), 182733410L, 182.73341);
    assertCounter(get(m, "job_pressure_io_waiting_seconds_total", job), 2879204117L, 2879.204117);
    assertCounter(get(m, "job_pressure_io_stalled_seconds_total", job), 2511336020L, 2511.33602);
    assertCounter(get(m, "job_pressure_memory_waiting_seconds_total", job), 1203, 0.001203);
    assertCounter(get(m, "job_pressure_memory_stalled_seconds_total", job), 877, 0.000877);
    long job4242 = m.keySet().stream().filter(k -> "4242".equals(k.labels().get("job_id"))).count();
    assertEquals(13 + 2 * 4, job4242, "every series of the job once, none from its steps");
  }

  @Test
  void cgroupV2LimitMaxAndMissingFilesGiveNoSeries() throws Exception {
    Map<SeriesKey, Sample> m =
        byKey(collector(Fixtures.hostPaths("cgroups-v2"), 64, new RecordingLogger()).collect());
    Set<String> metrics4243 =
        m.keySet().stream()
            .filter(k -> "4243".equals(k.labels().get("job_id")))
            .map(SeriesKey::metric)
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    assertEquals(
        Set.of(
            "job_cpu_seconds_total",
            "job_cpu_throttled_seconds_total",
            "job_cpu_throttled_periods_total",
            "job_memory_bytes",
            "job_oom_kills_total",
            "job_pressure_io_waiting_seconds_total",
            "job_pressure_io_stalled_seconds_total"),
        metrics4243);
  }

  @Test
  void jobsArePodsAndSlurmJobsButNeverStepsContainersOrSlurmstepdItself() throws Exception {
    List<Sample> samples =
        collector(Fixtures.hostPaths("cgroups-v2"), 64, new RecordingLogger()).collect();
    assertEquals(Set.of("4242", "4243", POD_V2), jobIds(samples));
    Map<SeriesKey, Sample> m = byKey(samples);
    assertCounter(
        get(m, "job_cpu_seconds_total", "job_id", POD_V2, "mode", "user"), 3000000000L, 3000);
    assertEquals(8589934592.0, get(m, "job_memory_limit_bytes", "job_id", POD_V2).gaugeValue());
  }

  @Test
  void cgroupV1JobAcrossControllers() throws Exception {
    List<Sample> samples =
        collector(Fixtures.hostPaths("cgroups-v1"), 64, new RecordingLogger()).collect();
    assertEquals(Set.of("77", POD_V1), jobIds(samples));
    Map<SeriesKey, Sample> m = byKey(samples);
    String[] job = {"job_id", "77"};
    assertCounter(
        get(m, "job_cpu_seconds_total", "job_id", "77", "mode", "user"), 5120340000000L, 5120.34);
    assertCounter(
        get(m, "job_cpu_seconds_total", "job_id", "77", "mode", "system"), 310020000000L, 310.02);
    assertCounter(get(m, "job_cpu_throttled_seconds_total", job), 2500000000L, 2.5);
    assertCounter(get(m, "job_cpu_throttled_periods_total", job), 40, 40);
    assertEquals(21474836480.0, get(m, "job_memory_bytes", job).gaugeValue());
    assertEquals(30064771072.0, get(m, "job_memory_peak_bytes", job).gaugeValue());
    assertEquals(34359738368.0, get(m, "job_memory_limit_bytes", job).gaugeValue());
    assertCounter(get(m, "job_oom_kills_total", job), 1, 1);
    assertCounter(
        get(m, "job_disk_read_bytes_total", "job_id", "77", "device", "sda"), 40960000, 40960000);
    assertCounter(
        get(m, "job_disk_written_bytes_total", "job_id", "77", "device", "sda"),
        12288000,
        12288000);
    assertCounter(
        get(m, "job_disk_reads_completed_total", "job_id", "77", "device", "sda"), 1000, 1000);
    assertCounter(
        get(m, "job_disk_writes_completed_total", "job_id", "77", "device", "sda"), 300, 300);
    assertTrue(
        m.keySet().stream().noneMatch(k -> k.metric().startsWith("job_pressure_")),
        "v1 has no PSI");
    // the pod: unlimited (9223372036854771712) gives no limit series, a pre-4.13 oom_control no OOM
    // series
    Set<String> pod =
        m.keySet().stream()
            .filter(k -> POD_V1.equals(k.labels().get("job_id")))
            .map(SeriesKey::metric)
            .collect(Collectors.toSet());
    assertEquals(Set.of("job_memory_bytes", "job_memory_peak_bytes"), pod);
  }

  /** A job's series leave with its cgroup, so the next series table is smaller. */
  @Test
  void endedJobsSeriesDisappear(@TempDir Path tmp) throws Exception {
    copy(Fixtures.dir("cgroups-v2"), tmp);
    Collector c =
        collector(
            new HostPaths(tmp.resolve("proc"), tmp.resolve("sys")), 64, new RecordingLogger());
    assertEquals(Set.of("4242", "4243", POD_V2), jobIds(c.collect()));
    delete(tmp.resolve("sys/fs/cgroup/system.slice/slurmstepd.scope/job_4242"));
    assertEquals(Set.of("4243", POD_V2), jobIds(c.collect()));
  }

  @Test
  void maxJobsBoundsTheSeriesWithOneWarning() throws Exception {
    RecordingLogger log = new RecordingLogger();
    Collector c = collector(Fixtures.hostPaths("cgroups-v2"), 2, log);
    assertEquals(Set.of(POD_V2, "4242"), jobIds(c.collect()));
    c.collect();
    assertEquals(1, log.lines().size(), log.lines().toString());
    assertTrue(
        log.lines().get(0).message().contains("3 job cgroups on this node, reporting the first 2"));
  }

  @Test
  void badFileFailsTheCollectionNamingIt(@TempDir Path tmp) throws Exception {
    copy(Fixtures.dir("cgroups-v2"), tmp);
    Path stat = tmp.resolve("sys/fs/cgroup/system.slice/slurmstepd.scope/job_4243/cpu.stat");
    Files.writeString(stat, "usage_usec 1\nuser_usec lots\n");
    Collector c =
        collector(
            new HostPaths(tmp.resolve("proc"), tmp.resolve("sys")), 64, new RecordingLogger());
    HostFileFormatException e = assertThrows(HostFileFormatException.class, c::collect);
    assertEquals(stat + ":2: expected an unsigned 64-bit integer, got 'lots'", e.getMessage());
  }

  @Test
  void offWithoutACgroupMount(@TempDir Path empty) {
    RecordingLogger log = new RecordingLogger();
    HostPaths paths = new HostPaths(empty.resolve("proc"), empty.resolve("sys"));
    assertTrue(
        new JobCgroupCollectorFactory()
            .create(TestContexts.context(paths, log), new JobCgroupSettings(null, null))
            .isEmpty());
    assertEquals(1, log.lines().size());
    assertEquals(64, new JobCgroupSettings(null, null).maxJobs());
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
