// The charts of the job and node pages: which metrics each draws, how raw series become lines,
// and the unit that picks the axis formatter. Counters arrive from the hub as per-second rates.

function gpuOfNode(host, labels) {
  return host + ':' + (labels.gpu ?? labels.gpu_uuid ?? '?');
}

function portName(labels) {
  return (labels.device ?? '?') + '/' + (labels.port ?? '?');
}

const byHost = (host) => host;

/** A GPU's line, or its MIG instance's (profiling series exist per MIG instance too). */
function gpuOrMigOfNode(host, labels) {
  return gpuOfNode(host, labels) + (labels.mig_uuid ? ' ' + labels.mig_uuid : '');
}

/** Panels of a job page: GPUs named node:gpu, everything else one line per node. */
// Utilisation is the share of time any kernel ran: coarse, 100 % for a kernel that only waits. SM
// and tensor activity (NVML GPM, Hopper and later) are shown beside it when the GPUs report them
// (optional: hidden without data); otherwise utilisation carries a "coarse metric" mark.
export const JOB_PANELS = Object.freeze([
  { key: 'gpu_util', title: 'GPU utilisation', unit: 'ratio', metrics: ['gpu_utilization_ratio'], reduce: 'one', line: gpuOfNode, coarseUnless: 'gpu_sm' },
  { key: 'gpu_sm', title: 'SM activity', unit: 'ratio', metrics: ['gpu_sm_active_ratio'], reduce: 'one', line: gpuOrMigOfNode, optional: true },
  { key: 'gpu_tensor', title: 'Tensor core activity', unit: 'ratio', metrics: ['gpu_tensor_active_ratio'], reduce: 'one', line: gpuOrMigOfNode, optional: true },
  { key: 'gpu_mem', title: 'GPU memory used', unit: 'bytes', metrics: ['gpu_memory_used_bytes'], reduce: 'one', line: gpuOfNode },
  { key: 'gpu_power', title: 'GPU power', unit: 'W', metrics: ['gpu_power_watts'], reduce: 'one', line: gpuOfNode },
  { key: 'gpu_temp', title: 'GPU temperature', unit: 'C', metrics: ['gpu_temperature_celsius'], reduce: 'one', line: gpuOfNode },
  { key: 'ib_rx', title: 'InfiniBand receive per node', unit: 'bytes/s', metrics: ['infiniband_port_data_received_bytes_total'], reduce: 'sum', line: byHost },
  { key: 'ib_tx', title: 'InfiniBand transmit per node', unit: 'bytes/s', metrics: ['infiniband_port_data_transmitted_bytes_total'], reduce: 'sum', line: byHost },
  // The job's own figures from its cgroup (agent collector job_cgroups, series labelled job_id):
  // on a shared node the node-wide panels below mix every job's load. Optional: a job without a
  // cgroup the agent can read has none, and its page shows the node panels instead.
  { key: 'job_cpu', title: 'CPU used by this job (cores)', unit: 'cores', metrics: ['job_cpu_seconds_total'], reduce: 'sum', line: byHost, optional: true, scope: 'job' },
  { key: 'job_memory', title: 'Memory used by this job', unit: 'bytes', metrics: ['job_memory_bytes'], reduce: 'sum', line: byHost, optional: true, scope: 'job' },
  { key: 'job_disk_read', title: 'Disk read by this job', unit: 'bytes/s', metrics: ['job_disk_read_bytes_total'], reduce: 'sum', line: byHost, optional: true, scope: 'job' },
  { key: 'job_disk_write', title: 'Disk written by this job', unit: 'bytes/s', metrics: ['job_disk_written_bytes_total'], reduce: 'sum', line: byHost, optional: true, scope: 'job' },
  { key: 'job_io_wait', title: 'Share of time this job waited for I/O', unit: 'ratio', metrics: ['job_pressure_io_waiting_seconds_total'], reduce: 'max', line: byHost, optional: true, scope: 'job' },
  // Whole-node panels: everybody's load on the job's nodes, behind the page's "whole node" toggle.
  { key: 'disk_read', title: 'Disk read per node', unit: 'bytes/s', metrics: ['disk_read_bytes_total'], reduce: 'sum', line: byHost, scope: 'node' },
  { key: 'disk_write', title: 'Disk write per node', unit: 'bytes/s', metrics: ['disk_written_bytes_total'], reduce: 'sum', line: byHost, scope: 'node' },
  { key: 'disk_util', title: 'Disk utilisation per node (busiest device)', unit: 'ratio', metrics: ['disk_io_time_seconds_total'], reduce: 'max', line: byHost, scope: 'node' },
  // CPU busy needs every CPU's idle series (node_exporter has no per-node total): 32 to 256 series
  // per node. A quarter of the width's points keeps that request as small as one GPU panel's.
  { key: 'cpu', title: 'CPU busy per node', unit: 'ratio', metrics: ['cpu_seconds_total'], labels: { mode: 'idle' }, reduce: 'cpuBusy', line: byHost, pointsDivisor: 4, scope: 'node' },
  { key: 'memory', title: 'Memory used per node', unit: 'bytes', metrics: ['memory_MemTotal_bytes', 'memory_MemAvailable_bytes'], reduce: 'memoryUsed', line: byHost, scope: 'node' },
]);

const gpuOnly = (host, labels) => 'GPU ' + (labels.gpu ?? labels.gpu_uuid ?? '?');

/** Panels of a node page: one line per GPU, port or device of that node. */
export const NODE_PANELS = Object.freeze([
  { key: 'gpu_util', title: 'GPU utilisation', unit: 'ratio', metrics: ['gpu_utilization_ratio'], reduce: 'one', line: gpuOnly },
  { key: 'gpu_mem', title: 'GPU memory used', unit: 'bytes', metrics: ['gpu_memory_used_bytes'], reduce: 'one', line: gpuOnly },
  { key: 'gpu_power', title: 'GPU power', unit: 'W', metrics: ['gpu_power_watts'], reduce: 'one', line: gpuOnly },
  { key: 'gpu_temp', title: 'GPU temperature', unit: 'C', metrics: ['gpu_temperature_celsius'], reduce: 'one', line: gpuOnly },
  { key: 'ib_rx', title: 'InfiniBand receive per port', unit: 'bytes/s', metrics: ['infiniband_port_data_received_bytes_total'], reduce: 'one', line: (h, l) => portName(l) },
  { key: 'ib_tx', title: 'InfiniBand transmit per port', unit: 'bytes/s', metrics: ['infiniband_port_data_transmitted_bytes_total'], reduce: 'one', line: (h, l) => portName(l) },
  { key: 'disk_util', title: 'Disk utilisation per device', unit: 'ratio', metrics: ['disk_io_time_seconds_total'], reduce: 'one', line: (h, l) => l.device ?? '?' },
  { key: 'cpu', title: 'CPU busy', unit: 'ratio', metrics: ['cpu_seconds_total'], labels: { mode: 'idle' }, reduce: 'cpuBusy', line: byHost },
  { key: 'memory', title: 'Memory used', unit: 'bytes', metrics: ['memory_MemTotal_bytes', 'memory_MemAvailable_bytes'], reduce: 'memoryUsed', line: byHost },
]);
