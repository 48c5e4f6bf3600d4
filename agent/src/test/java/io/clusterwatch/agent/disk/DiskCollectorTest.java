package io.clusterwatch.agent.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.testing.Fixtures;
import io.clusterwatch.agent.testing.NodeExporterExpected;
import io.clusterwatch.agent.testing.RecordingLogger;
import io.clusterwatch.agent.testing.TestContexts;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCollectorTest {
  /**
   * node_exporter's families that come from /proc/diskstats (the others come from udev and sysfs).
   */
  private static boolean fromDiskstats(String name) {
    return name.startsWith("node_disk_")
        && !name.equals("node_disk_info")
        && !name.equals("node_disk_filesystem_info")
        && !name.equals("node_disk_device_mapper_info")
        && !name.startsWith("node_disk_ata_");
  }

  @Test
  void matchesNodeExporterOnItsFixture() throws Exception {
    // node_exporter's fixture has no sys/block, so whole-devices-only falls back to the exclude
    // pattern, which is node_exporter's default: the same 15 devices.
    NodeExporterExpected expected =
        NodeExporterExpected.load(Fixtures.dir("node_exporter").resolve("e2e-output.txt"));
    RecordingLogger log = new RecordingLogger();
    Collector collector =
        new DiskCollectorFactory()
            .create(
                TestContexts.context(Fixtures.hostPaths("node_exporter"), log),
                DiskSettings.defaults())
            .orElseThrow();
    List<Sample> samples = collector.collect();
    Map<SeriesKey, Double> ours = NodeExporterExpected.asNodeExporter(samples);

    NodeExporterExpected.assertSameSeries(
        expected.select(DiskCollectorTest::fromDiskstats),
        ours.entrySet().stream()
            .filter(e -> !e.getKey().metric().equals("node_disk_info"))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));

    // node_disk_info: node_exporter adds udev labels (model, path, serial, ...); device, major and
    // minor must agree for every device.
    Set<Labels> expectedInfo = new TreeSet<>();
    expected
        .select(n -> n.equals("node_disk_info"))
        .keySet()
        .forEach(
            k ->
                expectedInfo.add(
                    Labels.of(
                        "device",
                        k.labels().get("device"),
                        "major",
                        k.labels().get("major"),
                        "minor",
                        k.labels().get("minor"))));
    Set<Labels> ourInfo = new TreeSet<>();
    ours.keySet().stream()
        .filter(k -> k.metric().equals("node_disk_info"))
        .forEach(k -> ourInfo.add(k.labels()));
    assertEquals(15, expectedInfo.size());
    assertEquals(expectedInfo, ourInfo);

    assertTrue(log.lines().stream().anyMatch(l -> l.message().contains("block")));
  }

  @Test
  void unitsOnTheWire() throws Exception {
    List<Sample> samples =
        newCollector(Fixtures.hostPaths("node_exporter"), DiskSettings.defaults()).collect();
    Labels sda = Labels.of("device", "sda");
    // sda: sectors read 1003346126 (512 B each), ms reading 18492372, in flight 0
    Sample read = find(samples, "disk_read_bytes_total", sda);
    assertEquals(1003346126L, read.counterValue());
    assertEquals(512.0, read.scale());
    Sample readTime = find(samples, "disk_read_time_seconds_total", sda);
    assertEquals(18492372L, readTime.counterValue());
    assertEquals(0.001, readTime.scale());
    assertEquals(MetricType.GAUGE, find(samples, "disk_io_now", sda).type());
    // 18 columns: discards but no flushes
    Labels sdb = Labels.of("device", "sdb");
    assertEquals(1925173784L, find(samples, "disk_discarded_sectors_total", sdb).counterValue());
    assertEquals(1.0, find(samples, "disk_discarded_sectors_total", sdb).scale());
    assertTrue(
        samples.stream()
            .noneMatch(s -> s.metric().startsWith("disk_flush") && s.labels().equals(sdb)));
  }

  @Test
  void wholeDevicesOnlyKeepsNamesUnderSysBlock(@TempDir Path sys) throws Exception {
    for (String dev : List.of("sda", "sdb", "sdc", "nvme0n1", "mmcblk0", "dm-0")) {
      Files.createDirectories(sys.resolve("block").resolve(dev));
    }
    HostPaths paths = new HostPaths(Fixtures.dir("procfs").resolve("proc"), sys);
    RecordingLogger log = new RecordingLogger();
    List<Sample> samples = newCollector(paths, DiskSettings.defaults(), log).collect();
    Set<String> devices = devices(samples);
    // mmcblk0p1 passes the exclude pattern but is a partition: not under sys/block
    assertEquals(Set.of("sda", "sdb", "sdc", "nvme0n1", "mmcblk0", "dm-0"), devices);
    assertEquals(List.of(), log.lines());
  }

  @Test
  void withoutSysBlockTheExcludePatternAloneAppliesAndIsLoggedOnce(@TempDir Path sys)
      throws Exception {
    HostPaths paths = new HostPaths(Fixtures.dir("procfs").resolve("proc"), sys);
    RecordingLogger log = new RecordingLogger();
    Collector collector = newCollector(paths, DiskSettings.defaults(), log);
    Set<String> devices = devices(collector.collect());
    collector.collect();
    assertTrue(devices.contains("mmcblk0p1"));
    assertTrue(devices.contains("dm-5"));
    assertTrue(
        !devices.contains("sda1") && !devices.contains("loop0") && !devices.contains("ram0"));
    assertEquals(1, log.lines().size());
  }

  @Test
  void slashInDeviceNameIsBangInSysBlock(@TempDir Path root) throws Exception {
    // cciss/c0d0 is listed as sys/block/cciss!c0d0 (kernel block/genhd.c)
    Files.createDirectories(root.resolve("proc"));
    Files.createDirectories(root.resolve("sys/block/cciss!c0d0"));
    Files.writeString(
        root.resolve("proc/diskstats"),
        " 104       0 cciss/c0d0 1 2 3 4 5 6 7 8 0 10 11\n 104       1 cciss/c0d0p1 1 2 3 4 5 6 7 8 0 10 11\n");
    Set<String> devices =
        devices(
            newCollector(
                    new HostPaths(root.resolve("proc"), root.resolve("sys")),
                    DiskSettings.defaults())
                .collect());
    assertEquals(Set.of("cciss/c0d0"), devices);
  }

  @Test
  void includePattern() throws Exception {
    DiskSettings onlyNvme =
        new DiskSettings(
            true,
            java.util.regex.Pattern.compile("nvme.*"),
            java.util.regex.Pattern.compile(""),
            false);
    Set<String> devices = devices(newCollector(Fixtures.hostPaths("procfs"), onlyNvme).collect());
    assertEquals(Set.of("nvme0n1", "nvme0n1p1", "nvme0n1p2"), devices);
  }

  @Test
  void factoryIsOffWithOneLineWithoutDiskstats(@TempDir Path empty) {
    RecordingLogger log = new RecordingLogger();
    HostPaths paths = new HostPaths(empty.resolve("proc"), empty.resolve("sys"));
    assertTrue(
        new DiskCollectorFactory()
            .create(TestContexts.context(paths, log), DiskSettings.defaults())
            .isEmpty());
    assertEquals(1, log.lines().size());
    assertEquals("disk", new DiskCollectorFactory().name());
  }

  private static Collector newCollector(HostPaths paths, DiskSettings settings) {
    return newCollector(paths, settings, new RecordingLogger());
  }

  private static Collector newCollector(
      HostPaths paths, DiskSettings settings, RecordingLogger log) {
    return new DiskCollectorFactory()
        .create(TestContexts.context(paths, log), settings)
        .orElseThrow();
  }

  private static Set<String> devices(List<Sample> samples) {
    return samples.stream().map(s -> s.labels().get("device")).collect(Collectors.toSet());
  }

  private static Sample find(List<Sample> samples, String metric, Labels labels) {
    Sample s =
        samples.stream()
            .filter(x -> x.metric().equals(metric) && x.labels().equals(labels))
            .findFirst()
            .orElse(null);
    assertNotNull(s, metric + labels);
    return s;
  }
}
