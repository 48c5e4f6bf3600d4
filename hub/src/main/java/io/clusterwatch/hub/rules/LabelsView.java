package io.clusterwatch.hub.rules;

import io.clusterwatch.protocol.Labels;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An unmodifiable, name-ordered map over a series' {@link Labels}, holding nothing but them: the
 * rules read a few thousand series' labels as maps, and a copy into a {@code LinkedHashMap} per
 * series was about 300 bytes each.
 */
final class LabelsView extends AbstractMap<String, String> {
  private final Labels labels;

  LabelsView(Labels labels) {
    this.labels = labels;
  }

  /**
   * The {@link Labels} of a map the rules were handed: a view's own, else the map's sorted copy. A
   * rule asks the store for each series it was given by {@link SeriesByMetric}, thousands a pass,
   * and the store's index then finds the same instance.
   */
  static Labels labelsOf(Map<String, String> map) {
    return map instanceof LabelsView view ? view.labels : Labels.of(map);
  }

  @Override
  public String get(Object key) {
    return key instanceof String name ? labels.get(name) : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public int size() {
    return labels.size();
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return labels.size();
      }

      @Override
      public Iterator<Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < labels.size();
          }

          @Override
          public Entry<String, String> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return Map.entry(labels.name(i), labels.value(i));
          }
        };
      }
    };
  }
}
