package io.clusterwatch.agent.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GpuResolverTest {
  // Princeton's example shape: NVML index 0 is /dev/nvidia2 (minor and index differ).
  static final List<GpuDevice> DEVICES =
      List.of(
          new GpuDevice(
              0, "GPU-8932f937-d72c-4106-c12f-20bd9faed9f6", "00000000:07:00.0", 2, List.of()),
          new GpuDevice(
              1,
              "GPU-11111111-2222-3333-4444-555555555555",
              "00000000:0F:00.0",
              0,
              List.of(
                  "MIG-a1b2c3d4-0000-5555-8888-000000000001",
                  "MIG-a1b2c3d4-0000-5555-8888-000000000002")),
          new GpuDevice(
              2, "GPU-89320000-aaaa-bbbb-cccc-dddddddddddd", "00000000:87:00.0", 1, List.of()));

  private static String uuid(int i) {
    return DEVICES.get(i).uuid();
  }

  @Test
  void indicesFollowTheDeclaredMeaning() {
    GpuResolver byMinor = new GpuResolver(DEVICES, GpuIndexMeaning.DEVICE_MINOR);
    GpuResolver byNvml = new GpuResolver(DEVICES, GpuIndexMeaning.NVML_INDEX);
    assertEquals(uuid(1), byMinor.resolve("0", true).orElseThrow().uuid());
    assertEquals(uuid(0), byNvml.resolve("0", true).orElseThrow().uuid());
    assertEquals(Optional.empty(), byNvml.resolve("0", false));
    assertEquals(Optional.empty(), byNvml.resolve("7", true));
  }

  @Test
  void uuidsPrefixesMigAndBusIds() {
    GpuResolver r = new GpuResolver(DEVICES, GpuIndexMeaning.DEVICE_MINOR);
    assertEquals(
        uuid(0), r.resolve("GPU-8932f937-d72c-4106-c12f-20bd9faed9f6", false).orElseThrow().uuid());
    assertEquals(uuid(0), r.resolve("GPU-8932f", false).orElseThrow().uuid());
    // "GPU-8932" is a prefix of two GPUs: ambiguous, not guessed
    assertEquals(Optional.empty(), r.resolve("GPU-8932", false));
    assertEquals(
        uuid(1), r.resolve("MIG-a1b2c3d4-0000-5555-8888-000000000002", false).orElseThrow().uuid());
    assertEquals(
        uuid(1),
        r.resolve("MIG-GPU-11111111-2222-3333-4444-555555555555/1/0", false).orElseThrow().uuid());
    assertEquals(uuid(2), r.resolve("0000:87:00.0", false).orElseThrow().uuid());
    assertEquals(uuid(2), r.resolve("87:00.0", false).orElseThrow().uuid());
    assertEquals(uuid(1), r.resolve("00000000:0f:00.0", false).orElseThrow().uuid());
  }

  @Test
  void listsKeepUnresolvedNames() {
    GpuResolver r = new GpuResolver(DEVICES, GpuIndexMeaning.DEVICE_MINOR);
    GpuResolver.Resolution res = r.resolveList("0, 2,9,GPU-nope", true);
    assertEquals(Set.of(uuid(1), uuid(0)), res.uuids());
    assertEquals(List.of("9", "GPU-nope"), res.unresolved());
  }
}
