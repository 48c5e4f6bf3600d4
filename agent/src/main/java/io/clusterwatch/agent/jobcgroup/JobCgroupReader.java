package io.clusterwatch.agent.jobcgroup;

import io.clusterwatch.agent.host.Parse;
import io.clusterwatch.agent.host.SysfsFiles;
import io.clusterwatch.agent.pressure.PressureParser;
import io.clusterwatch.agent.pressure.PressureTotals;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.SeriesKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads one job's cgroup files into samples labelled {@code job_id}. Which files exist decides what
 * is read, so cgroup v2, v1 and a hybrid mount go through the same code:
 *
 * <ul>
 *   <li>CPU: v2 {@code cpu.stat} {@code user_usec}/{@code system_usec}/{@code throttled_usec} (µs)
 *       and {@code nr_throttled}; v1 {@code cpuacct.usage_user}/{@code cpuacct.usage_sys} (ns) and
 *       {@code cpu.stat} {@code throttled_time} (ns), {@code nr_throttled};
 *   <li>memory: v2 {@code memory.current}, {@code memory.peak} (5.19+), {@code memory.max} ({@code
 *       max}: no series), {@code memory.events} {@code oom_kill}; v1 {@code memory.usage_in_bytes},
 *       {@code memory.max_usage_in_bytes}, {@code memory.limit_in_bytes}, {@code
 *       memory.oom_control} {@code oom_kill} (4.13+);
 *   <li>I/O per device: v2 {@code io.stat}; v1 {@code blkio.throttle.io_service_bytes} and {@code
 *       blkio.throttle.io_serviced};
 *   <li>pressure (v2 only): {@code cpu.pressure} some, {@code io.pressure} and {@code
 *       memory.pressure} some and full (µs), named like the node's.
 * </ul>
 *
 * A file that is missing (controller not enabled for the job, older kernel, or the job ending while
 * it is read) gives no series; a file with unexpected text fails the collection naming it.
 */
final class JobCgroupReader {
  static final double MICROS = 1e-6;
  static final double NANOS = 1e-9;

  private final DeviceNames devices;

  JobCgroupReader(DeviceNames devices) {
    this.devices = devices;
  }

  /** Samples of one job, each series once (the first directory that has it wins). */
  List<Sample> read(JobCgroup job) throws IOException {
    Labels l = Labels.of("job_id", job.jobId());
    Map<SeriesKey, Sample> out = new LinkedHashMap<>();
    for (Path dir : job.dirs()) {
      List<Sample> s = new ArrayList<>();
      cpu(dir, l, s);
      memory(dir, l, s);
      io(dir, l, s);
      pressure(dir, l, s);
      for (Sample x : s) {
        out.putIfAbsent(x.key(), x);
      }
    }
    return new ArrayList<>(out.values());
  }

  private static void cpu(Path dir, Labels l, List<Sample> out) throws IOException {
    Optional<Map<String, Long>> stat = keyed(dir.resolve("cpu.stat"));
    if (stat.isPresent() && stat.get().containsKey("usage_usec")) { // v2
      Map<String, Long> s = stat.get();
      counter(out, "job_cpu_seconds_total", l.with("mode", "user"), s.get("user_usec"), MICROS);
      counter(out, "job_cpu_seconds_total", l.with("mode", "system"), s.get("system_usec"), MICROS);
      counter(out, "job_cpu_throttled_seconds_total", l, s.get("throttled_usec"), MICROS);
      counter(out, "job_cpu_throttled_periods_total", l, s.get("nr_throttled"), 1);
    } else if (stat.isPresent()) { // v1 cpu controller
      counter(out, "job_cpu_throttled_seconds_total", l, stat.get().get("throttled_time"), NANOS);
      counter(out, "job_cpu_throttled_periods_total", l, stat.get().get("nr_throttled"), 1);
    }
    counter(
        out,
        "job_cpu_seconds_total",
        l.with("mode", "user"),
        single(dir.resolve("cpuacct.usage_user")),
        NANOS);
    counter(
        out,
        "job_cpu_seconds_total",
        l.with("mode", "system"),
        single(dir.resolve("cpuacct.usage_sys")),
        NANOS);
  }

  private static void memory(Path dir, Labels l, List<Sample> out) throws IOException {
    gauge(out, "job_memory_bytes", l, single(dir.resolve("memory.current")));
    gauge(out, "job_memory_bytes", l, single(dir.resolve("memory.usage_in_bytes")));
    gauge(out, "job_memory_peak_bytes", l, single(dir.resolve("memory.peak")));
    gauge(out, "job_memory_peak_bytes", l, single(dir.resolve("memory.max_usage_in_bytes")));
    Path max = dir.resolve("memory.max");
    Optional<String> v2Limit = SysfsFiles.readTrimmed(max);
    if (v2Limit.isPresent()) {
      gauge(out, "job_memory_limit_bytes", l, boxed(MemoryLimit.v2(v2Limit.get(), max.toString())));
    }
    Path limit = dir.resolve("memory.limit_in_bytes");
    Optional<String> v1Limit = SysfsFiles.readTrimmed(limit);
    if (v1Limit.isPresent()) {
      gauge(
          out, "job_memory_limit_bytes", l, boxed(MemoryLimit.v1(v1Limit.get(), limit.toString())));
    }
    keyed(dir.resolve("memory.events"))
        .ifPresent(e -> counter(out, "job_oom_kills_total", l, e.get("oom_kill"), 1));
    keyed(dir.resolve("memory.oom_control"))
        .ifPresent(e -> counter(out, "job_oom_kills_total", l, e.get("oom_kill"), 1));
  }

  private void io(Path dir, Labels l, List<Sample> out) throws IOException {
    Path stat = dir.resolve("io.stat");
    Optional<String> v2 = SysfsFiles.readTrimmed(stat);
    if (v2.isPresent()) {
      for (DeviceIo d : IoStatParser.parse(v2.get(), stat.toString())) {
        device(out, l, d);
      }
    }
    Path bytes = dir.resolve("blkio.throttle.io_service_bytes");
    Path ops = dir.resolve("blkio.throttle.io_serviced");
    Optional<String> v1Bytes = SysfsFiles.readTrimmed(bytes);
    Optional<String> v1Ops = SysfsFiles.readTrimmed(ops);
    if (v1Bytes.isPresent() && v1Ops.isPresent()) {
      Map<String, long[]> b = BlkioParser.parse(v1Bytes.get(), bytes.toString());
      Map<String, long[]> o = BlkioParser.parse(v1Ops.get(), ops.toString());
      for (Map.Entry<String, long[]> e : b.entrySet()) {
        long[] n = o.getOrDefault(e.getKey(), new long[2]);
        device(out, l, new DeviceIo(e.getKey(), e.getValue()[0], e.getValue()[1], n[0], n[1]));
      }
    }
  }

  private void device(List<Sample> out, Labels l, DeviceIo d) {
    Labels dl = l.with("device", devices.name(d.device()));
    out.add(Sample.counter("job_disk_read_bytes_total", dl, d.readBytes()));
    out.add(Sample.counter("job_disk_written_bytes_total", dl, d.writtenBytes()));
    out.add(Sample.counter("job_disk_reads_completed_total", dl, d.reads()));
    out.add(Sample.counter("job_disk_writes_completed_total", dl, d.writes()));
  }

  private static void pressure(Path dir, Labels l, List<Sample> out) throws IOException {
    pressure(dir.resolve("cpu.pressure"), "cpu", false, l, out);
    pressure(dir.resolve("io.pressure"), "io", true, l, out);
    pressure(dir.resolve("memory.pressure"), "memory", true, l, out);
  }

  private static void pressure(
      Path file, String resource, boolean withFull, Labels l, List<Sample> out) throws IOException {
    Optional<String> text = SysfsFiles.readTrimmed(file);
    if (text.isEmpty()) {
      return;
    }
    PressureTotals t = PressureParser.parse(text.get(), file.toString());
    out.add(
        Sample.counter(
            "job_pressure_" + resource + "_waiting_seconds_total", l, t.someMicros(), MICROS));
    if (withFull && t.fullMicros().isPresent()) {
      out.add(
          Sample.counter(
              "job_pressure_" + resource + "_stalled_seconds_total",
              l,
              t.fullMicros().getAsLong(),
              MICROS));
    }
  }

  private static Optional<Map<String, Long>> keyed(Path file) throws IOException {
    Optional<String> text = SysfsFiles.readTrimmed(file);
    return text.isEmpty()
        ? Optional.empty()
        : Optional.of(FlatKeyedParser.parse(text.get(), file.toString()));
  }

  /** A one-number file, null when missing. */
  private static Long single(Path file) throws IOException {
    Optional<String> text = SysfsFiles.readTrimmed(file);
    return text.isEmpty() ? null : Parse.unsignedLong(text.get(), file.toString());
  }

  private static Long boxed(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }

  private static void counter(List<Sample> out, String metric, Labels l, Long raw, double scale) {
    if (raw != null) {
      out.add(scale == 1 ? Sample.counter(metric, l, raw) : Sample.counter(metric, l, raw, scale));
    }
  }

  private static void gauge(List<Sample> out, String metric, Labels l, Long value) {
    if (value != null) {
      out.add(Sample.gauge(metric, l, Parse.unsignedToDouble(value)));
    }
  }
}
