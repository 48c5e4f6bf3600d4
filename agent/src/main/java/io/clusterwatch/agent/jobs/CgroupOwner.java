package io.clusterwatch.agent.jobs;

/** Who owns a cgroup, as far as its path tells: a Slurm job step or a Kubernetes pod container. */
public sealed interface CgroupOwner permits SlurmCgroup, PodCgroup {}
