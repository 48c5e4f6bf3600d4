package io.clusterwatch.agent.jobs.staticjobs;

import io.clusterwatch.agent.jobs.GpuResolver;
import io.clusterwatch.agent.jobs.StaticJob;
import io.clusterwatch.protocol.message.JobInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The jobs declared in {@code jobs.static} as discovery reports them: GPUs by UUID or PCI bus id,
 * never by index (an index would mean whatever this node's numbering is). A GPU that names none of
 * this node's is listed in {@code unresolved_gpus}.
 */
public final class StaticJobMerge {
  static final String SOURCE = "static config";

  private StaticJobMerge() {}

  /**
   * @param firstSeen when a job was first seen: the config tells no start
   */
  public static List<JobInfo> jobs(
      List<StaticJob> jobs, GpuResolver resolver, ToLongFunction<String> firstSeen) {
    List<JobInfo> out = new ArrayList<>();
    for (StaticJob s : jobs) {
      GpuResolver.Resolution r = resolver.resolveAll(s.gpus(), false);
      Map<String, String> attrs = new LinkedHashMap<>(s.attributes());
      attrs.put("scheduler", "static");
      if (!r.unresolved().isEmpty()) {
        attrs.put("unresolved_gpus", String.join(",", r.unresolved()));
      }
      out.add(
          new JobInfo(
              s.id(),
              s.user(),
              s.name(),
              resolver.inIndexOrder(r.uuids()),
              firstSeen.applyAsLong(s.id()),
              SOURCE,
              attrs));
    }
    return out;
  }
}
