package io.clusterwatch.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickCacheTest {
  private final List<String> made = new ArrayList<>();
  private final TickCache<String, String> cache = new TickCache<>();

  private String get(String key) {
    return cache.get(
        key,
        k -> {
          made.add(k);
          return new String("labels of " + k);
        });
  }

  @Test
  void aKeyUsedEveryCollectionIsMadeOnce() {
    String first = get("sda");
    cache.endCollection();
    assertSame(first, get("sda"));
    cache.endCollection();
    assertSame(first, get("sda"));
    assertEquals(List.of("sda"), made);
  }

  @Test
  void aKeyMissingFromOneCollectionIsForgotten() {
    String first = get("veth1");
    cache.endCollection();
    get("eth0"); // veth1 went away for one collection
    cache.endCollection();
    assertNotSame(first, get("veth1"));
    assertEquals(List.of("veth1", "eth0", "veth1"), made);
  }
}
