package io.clusterwatch.hub.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.Labels;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules' label maps: a view over a series' labels that behaves as the map it stands for. */
class LabelsViewTest {
  private final Labels labels = Labels.of("gpu_uuid", "GPU-3", "gpu", "3", "device", "mlx5_0");
  private final Map<String, String> view = new LabelsView(labels);

  @Test
  void equalsAndHashesAsTheSameLabelsInAnyMap() {
    Map<String, String> same = Map.of("gpu", "3", "gpu_uuid", "GPU-3", "device", "mlx5_0");
    assertEquals(same, view);
    assertEquals(view, same);
    assertEquals(same.hashCode(), view.hashCode());
    assertEquals(labels.asMap(), view);
    assertEquals(Map.of(), new LabelsView(Labels.EMPTY));
    assertFalse(view.equals(Map.of("gpu", "3")));
  }

  @Test
  void readsLabelsByNameInNameOrder() {
    assertEquals("GPU-3", view.get("gpu_uuid"));
    assertNull(view.get("host"));
    assertNull(view.get(3));
    assertTrue(view.containsKey("device"));
    assertFalse(view.containsKey("host"));
    assertEquals(3, view.size());
    assertEquals(List.of("device", "gpu", "gpu_uuid"), List.copyOf(view.keySet()));
    assertEquals(List.of("mlx5_0", "3", "GPU-3"), List.copyOf(view.values()));
  }

  @Test
  void cannotBeChanged() {
    assertThrows(UnsupportedOperationException.class, () -> view.put("gpu", "4"));
    assertThrows(UnsupportedOperationException.class, () -> view.remove("gpu"));
    Iterator<Map.Entry<String, String>> it = view.entrySet().iterator();
    assertThrows(UnsupportedOperationException.class, () -> it.next().setValue("4"));
    assertThrows(UnsupportedOperationException.class, it::remove);
  }

  @Test
  void givesBackItsOwnLabelsAndCopiesAnyOtherMap() {
    assertSame(labels, LabelsView.labelsOf(view), "the store's index finds the same instance");
    Labels copied =
        LabelsView.labelsOf(Map.of("gpu", "3", "gpu_uuid", "GPU-3", "device", "mlx5_0"));
    assertEquals(labels, copied);
    assertThrows(IllegalArgumentException.class, () -> LabelsView.labelsOf(Map.of("", "3")));
  }

  @Test
  void iteratorEndsAfterTheLastLabel() {
    Iterator<Map.Entry<String, String>> it =
        new LabelsView(Labels.of("gpu", "0")).entrySet().iterator();
    assertEquals(Map.entry("gpu", "0"), it.next());
    assertFalse(it.hasNext());
    assertThrows(java.util.NoSuchElementException.class, it::next);
  }
}
