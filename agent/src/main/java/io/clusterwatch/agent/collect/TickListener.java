package io.clusterwatch.agent.collect;

/** Receives every tick (the /metrics exposition, the shipper). Called on the collection thread. */
@FunctionalInterface
public interface TickListener {
  void onTick(Tick tick);
}
