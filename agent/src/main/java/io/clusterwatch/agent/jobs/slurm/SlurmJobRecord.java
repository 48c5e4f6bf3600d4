package io.clusterwatch.agent.jobs.slurm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One job from Slurm's JSON ({@code scontrol show job --json}, {@code squeue --json}).
 *
 * @param jobId numeric job id as text
 * @param sluid SLUID (Slurm 26.05+), empty when the JSON has none
 * @param user {@code user_name}
 * @param name job name
 * @param account account, empty when none
 * @param partition partition
 * @param reservation reservation name ({@code reservation} or the older {@code resv_name})
 * @param states {@code job_state}, e.g. {@code [RUNNING]}
 * @param timeLimitMinutes time limit in minutes (Slurm's unit); empty when unset or infinite
 * @param timeLimitInfinite true when the limit is {@code UNLIMITED}
 * @param startTimeEpochSeconds start time, seconds since the epoch; empty when unset or 0
 * @param gpuIndicesByNode node name to the GRES GPU indices ({@code IDX:}) the job holds there
 */
public record SlurmJobRecord(
    String jobId,
    Optional<String> sluid,
    String user,
    String name,
    String account,
    String partition,
    String reservation,
    List<String> states,
    Optional<Long> timeLimitMinutes,
    boolean timeLimitInfinite,
    Optional<Long> startTimeEpochSeconds,
    Map<String, List<Integer>> gpuIndicesByNode) {
  public SlurmJobRecord {
    states = List.copyOf(states);
    gpuIndicesByNode = Map.copyOf(gpuIndicesByNode);
  }
}
