package io.clusterwatch.hub.remotewrite;

/** One sample waiting in a shard, with the source position of the tick it came from. */
record QueuedSample(PromSeries series, long timestampMs, double value, long position) {}
