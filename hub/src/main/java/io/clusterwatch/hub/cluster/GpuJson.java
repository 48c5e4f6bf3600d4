package io.clusterwatch.hub.cluster;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.clusterwatch.hub.jobs.Job;
import java.util.List;

/**
 * One GPU in the bodies of /api/v1/cluster and /api/v1/nodes/{host} (docs/API.md). Numbers are null
 * when the node does not report them.
 *
 * @param index a number when the GPU index is one, otherwise its text
 * @param job the job holding the GPU, null when free
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GpuJson(
    Object index,
    String uuid,
    String pciBusId,
    String model,
    String state,
    Long idleSinceMs,
    boolean memoryHeldIdle,
    boolean unhealthy,
    List<String> unhealthyReasons,
    Double utilization,
    Double memoryUsedBytes,
    Double memoryTotalBytes,
    Double powerWatts,
    Double temperatureCelsius,
    JobRef job) {

  /** The job holding a GPU. */
  public record JobRef(String id, String user, String name) {}

  public static GpuJson of(GpuView g) {
    Job job = g.job();
    return new GpuJson(
        Json.intOrString(g.index()),
        g.uuid(),
        Json.textOrNull(g.pciBusId()),
        Json.textOrNull(g.model()),
        g.state(),
        Json.msOrNull(g.idleSinceMs()),
        g.memoryHeldIdle(),
        g.unhealthy(),
        g.unhealthyReasons(),
        Json.number(g.utilization()),
        Json.number(g.memoryUsedBytes()),
        Json.number(g.memoryTotalBytes()),
        Json.number(g.powerWatts()),
        Json.number(g.temperatureCelsius()),
        job == null ? null : new JobRef(job.id(), job.user(), job.name()));
  }
}
