package io.clusterwatch.agent.jobs;

/**
 * A process NVML lists as running on a GPU ({@code nvmlDeviceGetComputeRunningProcesses}).
 *
 * @param gpuUuid the GPU's UUID
 * @param pid host PID (NVML is not PID-namespace aware, ecosystem.md §0 item 3)
 * @param usedMemoryBytes GPU memory the process holds, bytes; -1 when the driver does not tell
 */
public record GpuProcess(String gpuUuid, long pid, long usedMemoryBytes) {}
