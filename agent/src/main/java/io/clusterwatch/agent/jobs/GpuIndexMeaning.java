package io.clusterwatch.agent.jobs;

/**
 * What a Slurm GPU index ({@code SLURM_JOB_GPUS}, the prolog's {@code CUDA_VISIBLE_DEVICES}, the
 * {@code IDX:} of {@code gres_detail}) counts. Slurm numbers GRES in gres.conf order; NVML numbers
 * GPUs by PCI bus id; the two need not match (ecosystem.md A1 "GPU index remapping").
 */
public enum GpuIndexMeaning {
  /**
   * Index {@code N} is {@code /dev/nvidiaN}: gres.conf lists {@code File=/dev/nvidia[0-N]} in minor
   * order (matched via NVML's minor number, as in {@code /proc/driver/nvidia/gpus/*\/information}).
   */
  DEVICE_MINOR,
  /**
   * Index {@code N} is NVML index {@code N}: {@code AutoDetect=nvml}, which orders by PCI bus id.
   */
  NVML_INDEX
}
