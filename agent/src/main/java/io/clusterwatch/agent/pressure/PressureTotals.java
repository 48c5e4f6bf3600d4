package io.clusterwatch.agent.pressure;

import java.util.OptionalLong;

/**
 * The cumulative stall times of one pressure file, in microseconds as the kernel counts them
 * ({@code total=} of {@code kernel/sched/psi.c}).
 *
 * @param someMicros time at least one task was stalled on the resource ({@code some})
 * @param fullMicros time all non-idle tasks were stalled at once ({@code full}); empty where the
 *     file has no {@code full} line ({@code cpu} before Linux 5.13)
 */
public record PressureTotals(long someMicros, OptionalLong fullMicros) {}
