package io.clusterwatch.agent.host;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Values a collector makes from what it reads (the labels of a device, a metric name), kept from
 * one collection to the next so that an unchanged device costs a lookup, not new objects, every
 * tick. Only what the last collection used is kept, so devices that come and go (loop devices,
 * container veths) never accumulate. One collector thread uses it.
 */
public final class TickCache<K, V> {
  private Map<K, V> previous = new HashMap<>();
  private Map<K, V> current = new HashMap<>();

  /** The value for {@code key}: this collection's, the last one's, or made now. */
  public V get(K key, Function<? super K, ? extends V> make) {
    V value = current.get(key);
    if (value == null) {
      value = previous.get(key);
      if (value == null) {
        value = make.apply(key);
      }
      current.put(key, value);
    }
    return value;
  }

  /** Ends a collection: what it did not use is dropped at the end of the next one. */
  public void endCollection() {
    Map<K, V> old = previous;
    old.clear();
    previous = current;
    current = old;
  }
}
