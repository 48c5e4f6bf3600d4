package io.clusterwatch.simulator.cluster;

/**
 * The hardware trouble one simulated node has.
 *
 * @param thermal its cooling is failing: every GPU runs hot and throttles under load
 * @param xidAtMs when the driver reports an XID on one of its GPUs, or -1 for never
 * @param xidGpu the GPU index the XID is reported for
 * @param xid the XID code
 * @param degradingIbDevice the IB device whose port collects link errors, or null
 */
record NodeFaults(boolean thermal, long xidAtMs, int xidGpu, int xid, String degradingIbDevice) {
  static final NodeFaults NONE = new NodeFaults(false, -1, 0, 0, null);

  NodeFaults withThermal(long xidAtMs, int xidGpu, int xid) {
    return new NodeFaults(true, xidAtMs, xidGpu, xid, degradingIbDevice);
  }

  NodeFaults withDegradingIb(String device) {
    return new NodeFaults(thermal, xidAtMs, xidGpu, xid, device);
  }
}
