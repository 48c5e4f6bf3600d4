package io.clusterwatch.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RingGeometryTest {
  @ParameterizedTest
  @CsvSource({
    // slots, target chunk, chunk slots, chunks: the ring is the retention rounded up by < 1 chunk
    "3600, 1024, 900, 4",
    "8640, 256, 255, 34",
    "20160, 256, 256, 79",
    "60, 1024, 60, 1",
    "1, 256, 1, 1",
  })
  void chunksAreEvenedOutOverTheRetention(long slots, int target, int chunkSlots, int chunks) {
    RingGeometry g = RingGeometry.forSlots(slots, target);
    assertEquals(new RingGeometry(chunkSlots, chunks), g);
    assertEquals(g.capacity() - 1, g.position(-1));
    assertEquals(0, g.position(g.capacity() * 5L));
  }
}
