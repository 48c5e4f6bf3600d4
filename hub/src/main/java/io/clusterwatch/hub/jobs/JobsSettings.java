package io.clusterwatch.hub.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clusterwatch.common.config.Checks;
import java.util.List;
import java.util.Objects;

/**
 * {@code jobs}: the job registry and the jobs mapped in configuration.
 *
 * @param maxFinished finished jobs kept; the oldest are forgotten first ({@code max_finished},
 *     default 10000)
 * @param staticJobs jobs mapped here rather than reported by agents ({@code static}, default none)
 */
public record JobsSettings(
    Integer maxFinished, @JsonProperty("static") List<StaticJob> staticJobs) {
  public JobsSettings {
    maxFinished =
        Checks.inRange(
            "max_finished", Objects.requireNonNullElse(maxFinished, 10_000), 0, 10_000_000);
    staticJobs = List.copyOf(Objects.requireNonNullElse(staticJobs, List.of()));
  }

  public static JobsSettings defaults() {
    return new JobsSettings(null, null);
  }
}
