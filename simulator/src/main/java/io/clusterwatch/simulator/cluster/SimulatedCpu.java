package io.clusterwatch.simulator.cluster;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.util.List;

/**
 * {@code /proc/stat} per CPU: {@code cpu_seconds_total{cpu,mode}} in USER_HZ ticks (scale 0.01),
 * the eight modes node_exporter reports. Each second every CPU spends exactly 100 ticks across its
 * modes.
 */
final class SimulatedCpu {
  static final String[] MODES = {
    "user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"
  };
  private static final double TICKS_PER_SECOND = 100;

  /** Long-run share of each mode, used for the counters' values since boot. */
  private static final double[] BOOT_SHARES = {0.45, 0.001, 0.03, 0.5, 0.01, 0.002, 0.007, 0};

  private final Labels[][] labels;
  private final SimCounter[][] ticks;

  SimulatedCpu(int cpus, double uptimeSeconds) {
    labels = new Labels[cpus][MODES.length];
    ticks = new SimCounter[cpus][MODES.length];
    for (int c = 0; c < cpus; c++) {
      for (int m = 0; m < MODES.length; m++) {
        labels[c][m] = Labels.of("cpu", Integer.toString(c), "mode", MODES[m]);
        ticks[c][m] = SimCounter.startingAt(uptimeSeconds * TICKS_PER_SECOND * BOOT_SHARES[m]);
      }
    }
  }

  void sample(double dtSeconds, NodeDemand demand, List<Sample> out) {
    double[] shares = new double[MODES.length];
    for (int c = 0; c < ticks.length; c++) {
      double busy = demand.cpuBusy[c];
      // The first two CPUs also carry the node's daemons (slurmd, sshd, this agent).
      double daemons = c < 2 ? 0.02 : 0.002;
      shares[0] = busy * 0.9;
      shares[1] = 0;
      shares[2] = busy * 0.08 + daemons;
      shares[4] = demand.cpuIowait[c];
      shares[5] = busy * 0.005;
      shares[6] = busy * 0.015;
      shares[7] = 0;
      double used = shares[0] + shares[2] + shares[4] + shares[5] + shares[6];
      if (used > 1) {
        for (int m = 0; m < MODES.length; m++) {
          shares[m] /= used;
        }
        used = 1;
      }
      shares[3] = 1 - used;
      for (int m = 0; m < MODES.length; m++) {
        ticks[c][m].add(shares[m] * dtSeconds * TICKS_PER_SECOND);
        out.add(Sample.counter("cpu_seconds_total", labels[c][m], ticks[c][m].raw(), 0.01));
      }
    }
  }
}
