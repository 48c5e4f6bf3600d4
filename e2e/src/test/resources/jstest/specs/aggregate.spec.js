import { test, eq, deepEq, near } from '../harness.js';
import { accepts, linesFromPoints, linesFromSeries, naturalCompare } from '/js/aggregate.js';
import { JOB_PANELS, NODE_PANELS } from '/js/panels.js';

const panel = (set, key) => set.find((p) => p.key === key);

test('GPU lines are named node:gpu and sorted naturally', () => {
  const lines = linesFromSeries(panel(JOB_PANELS, 'gpu_util'), [{
    metric: 'gpu_utilization_ratio',
    series: [
      { host: 'n2', labels: { gpu: '10' }, timestamps: [1], values: [0.1] },
      { host: 'n2', labels: { gpu: '9' }, timestamps: [1], values: [0.9] },
      { host: 'n1', labels: { gpu: '0' }, timestamps: [1, 2], values: [0.5, null] },
    ],
  }]);
  deepEq([...lines.keys()], ['n1:0', 'n2:9', 'n2:10']);
  deepEq(lines.get('n1:0'), { timestamps: [1, 2], values: [0.5, null] });
});

test('IB throughput sums the ports of a node; unknown when a port is unknown', () => {
  const lines = linesFromSeries(panel(JOB_PANELS, 'ib_rx'), [{
    metric: 'infiniband_port_data_received_bytes_total',
    series: [
      { host: 'n1', labels: { device: 'mlx5_0', port: '1' }, timestamps: [1, 2], values: [100, 5] },
      { host: 'n1', labels: { device: 'mlx5_1', port: '1' }, timestamps: [1, 2], values: [50, null] },
    ],
  }]);
  deepEq(lines.get('n1'), { timestamps: [1, 2], values: [150, null] });
});

test('series of one line on different grids are reduced at every time any of them has', () => {
  const lines = linesFromSeries(panel(JOB_PANELS, 'ib_rx'), [{
    metric: 'infiniband_port_data_received_bytes_total',
    series: [
      { host: 'n1', labels: { device: 'mlx5_0', port: '1' }, timestamps: [1, 2], values: [100, 5] },
      { host: 'n1', labels: { device: 'mlx5_1', port: '1' }, timestamps: [2, 3], values: [50, 7] },
      { host: 'n2', labels: { device: 'mlx5_0', port: '1' }, timestamps: [1, 2], values: [1, 2] },
      { host: 'n2', labels: { device: 'mlx5_1', port: '1' }, timestamps: [1, 2], values: [3, 4] },
    ],
  }]);
  deepEq(lines.get('n1'), { timestamps: [1, 2, 3], values: [100, 55, 7] });
  deepEq(lines.get('n2'), { timestamps: [1, 2], values: [4, 6] });
  deepEq([...lines.keys()], ['n1', 'n2']);
});

test('CPU busy is 1 - mean idle over the CPUs; the idle matcher rejects other modes', () => {
  const cpu = panel(JOB_PANELS, 'cpu');
  eq(accepts(cpu, 'cpu_seconds_total', { cpu: '0', mode: 'user' }), false);
  eq(accepts(cpu, 'cpu_seconds_total', { cpu: '0', mode: 'idle' }), true);
  const lines = linesFromPoints(cpu, [
    { host: 'n1', metric: 'cpu_seconds_total', labels: { cpu: '0', mode: 'idle' }, t: 5, v: 0.2 },
    { host: 'n1', metric: 'cpu_seconds_total', labels: { cpu: '1', mode: 'idle' }, t: 5, v: 0.6 },
    { host: 'n1', metric: 'cpu_seconds_total', labels: { cpu: '1', mode: 'user' }, t: 5, v: 0.4 },
  ]);
  near(lines.get('n1').values[0], 0.6, 1e-12);
});

test('memory used is MemTotal - MemAvailable per node', () => {
  const lines = linesFromSeries(panel(JOB_PANELS, 'memory'), [
    { metric: 'memory_MemTotal_bytes', series: [{ host: 'n1', labels: {}, timestamps: [1, 2], values: [1000, 1000] }] },
    { metric: 'memory_MemAvailable_bytes', series: [{ host: 'n1', labels: {}, timestamps: [1, 2], values: [250, null] }] },
  ]);
  deepEq(lines.get('n1').values, [750, null]);
});

test('disk utilisation per node is the busiest device; node page keeps devices apart', () => {
  const series = [{ metric: 'disk_io_time_seconds_total', series: [
    { host: 'n1', labels: { device: 'nvme0n1' }, timestamps: [1], values: [0.2] },
    { host: 'n1', labels: { device: 'nvme1n1' }, timestamps: [1], values: [0.7] },
  ] }];
  deepEq(linesFromSeries(panel(JOB_PANELS, 'disk_util'), series).get('n1').values, [0.7]);
  deepEq([...linesFromSeries(panel(NODE_PANELS, 'disk_util'), series).keys()], ['nvme0n1', 'nvme1n1']);
});

test('naturalCompare orders numbers inside names', () => {
  deepEq(['gpu-node-10', 'gpu-node-9', 'gpu-node-1'].sort(naturalCompare), ['gpu-node-1', 'gpu-node-9', 'gpu-node-10']);
});
