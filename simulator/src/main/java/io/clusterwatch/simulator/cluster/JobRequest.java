package io.clusterwatch.simulator.cluster;

/**
 * A job before it is placed: who asks, for what, for how long.
 *
 * @param gpus GPUs requested; 16 means two whole nodes
 * @param durationMs planned run time
 */
record JobRequest(
    String user,
    String name,
    String account,
    Workload workload,
    int gpus,
    long durationMs,
    JobTraits traits) {}
