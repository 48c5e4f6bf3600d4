package io.clusterwatch.agent.gpu.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct-mapped calls against the fake library: the same answers as JNA's reflective call of
 * the same symbol, one binding per library even with several loaded, and a symbol the library lacks
 * left unbound.
 */
class NvmlDirectCallsTest {
  @TempDir Path dir;
  private final List<Nvml> initialised = new ArrayList<>();
  private final Memory out = new Memory(64);
  private final long outAddress = Pointer.nativeValue(out);

  @AfterEach
  void shutdown() {
    initialised.forEach(nvml -> nvml.api().nvmlShutdown());
  }

  private Nvml open(String subdir, FakeNvml.Variant variant, String scenario) throws Exception {
    Nvml nvml =
        FakeNvml.install(Files.createDirectories(dir.resolve(subdir)), variant, scenario).load();
    assertEquals(NvmlReturn.SUCCESS, nvml.api().nvmlInit_v2());
    initialised.add(nvml);
    return nvml;
  }

  private static Pointer handle(Nvml nvml, int index) {
    PointerByReference ref = new PointerByReference();
    assertEquals(NvmlReturn.SUCCESS, nvml.api().nvmlDeviceGetHandleByIndex_v2(index, ref));
    return ref.getValue();
  }

  /** The same symbol called through JNA's reflective {@code Function.invokeInt}. */
  private static int reflective(Nvml nvml, String symbol, Object... args) {
    return NativeLibrary.getInstance(nvml.location()).getFunction(symbol).invokeInt(args);
  }

  @Test
  void answersAsTheReflectiveCallOfTheSameSymbol() throws Exception {
    Nvml nvml = open("a", FakeNvml.Variant.DEFAULT, "vary=0");
    NvmlDirectCalls calls = nvml.calls();
    for (int gpu = 0; gpu < 8; gpu++) {
      Pointer device = handle(nvml, gpu);
      long address = Pointer.nativeValue(device);
      IntByReference uint = new IntByReference();

      assertEquals(NvmlReturn.SUCCESS, calls.powerUsage(address, outAddress));
      assertEquals(0, reflective(nvml, "nvmlDeviceGetPowerUsage", device, uint));
      assertEquals(uint.getValue(), out.getInt(0), "power of GPU " + gpu);

      assertEquals(NvmlReturn.SUCCESS, calls.clockInfo(address, 1, outAddress));
      assertEquals(0, reflective(nvml, "nvmlDeviceGetClockInfo", device, 1, uint));
      assertEquals(uint.getValue(), out.getInt(0), "SM clock of GPU " + gpu);

      assertEquals(NvmlReturn.SUCCESS, calls.utilizationRates(address, outAddress));
      NvmlStructs.Utilization u = new NvmlStructs.Utilization();
      assertEquals(0, reflective(nvml, "nvmlDeviceGetUtilizationRates", device, u));
      assertEquals(u.gpu, out.getInt(NvmlLayout.UTILIZATION_GPU));
      assertEquals(u.memory, out.getInt(NvmlLayout.UTILIZATION_MEMORY));

      out.setInt(NvmlLayout.MEMORY_V2_VERSION, NvmlStructs.MemoryV2.VERSION);
      assertEquals(NvmlReturn.SUCCESS, calls.memoryInfoV2(address, outAddress));
      NvmlStructs.MemoryV2 m = new NvmlStructs.MemoryV2();
      m.version = NvmlStructs.MemoryV2.VERSION;
      assertEquals(0, reflective(nvml, "nvmlDeviceGetMemoryInfo_v2", device, m));
      assertEquals(m.used, out.getLong(NvmlLayout.MEMORY_V2_USED));
      assertEquals(m.free, out.getLong(NvmlLayout.MEMORY_V2_FREE));
      assertEquals(m.total, out.getLong(NvmlLayout.MEMORY_V2_TOTAL));
      assertTrue(m.total > 0);

      LongByReference ull = new LongByReference();
      assertEquals(NvmlReturn.SUCCESS, calls.totalEccErrors(address, 0, 0, outAddress));
      assertEquals(0, reflective(nvml, "nvmlDeviceGetTotalEccErrors", device, 0, 0, ull));
      assertEquals(ull.getValue(), out.getLong(0), "corrected ECC errors of GPU " + gpu);

      assertEquals(NvmlReturn.SUCCESS, calls.migMode(address, outAddress, outAddress + 8));
      IntByReference current = new IntByReference();
      IntByReference pending = new IntByReference();
      assertEquals(0, reflective(nvml, "nvmlDeviceGetMigMode", device, current, pending));
      assertEquals(current.getValue(), out.getInt(0));
      assertEquals(pending.getValue(), out.getInt(8));
    }
  }

  @Test
  void eachLibraryKeepsItsOwnBinding() throws Exception {
    Nvml healthy = open("healthy", FakeNvml.Variant.DEFAULT, "vary=0");
    Nvml noPower = open("no-power", FakeNvml.Variant.DEFAULT, "vary=0;unsupported=power");
    long a = Pointer.nativeValue(handle(healthy, 0));
    long b = Pointer.nativeValue(handle(noPower, 0));
    // both bound: had the second binding replaced the first, both would answer NOT_SUPPORTED
    assertEquals(NvmlReturn.SUCCESS, healthy.calls().powerUsage(a, outAddress));
    assertEquals(NvmlReturn.NOT_SUPPORTED, noPower.calls().powerUsage(b, outAddress));
    assertEquals(NvmlReturn.SUCCESS, healthy.calls().powerUsage(a, outAddress));
    assertNotEquals(0, out.getInt(0));
  }

  @Test
  void aSymbolTheLibraryLacksIsNotBound() throws Exception {
    Nvml old = open("old", FakeNvml.Variant.NO_MEMINFO_V2, "vary=0");
    long device = Pointer.nativeValue(handle(old, 0));
    out.setInt(NvmlLayout.MEMORY_V2_VERSION, NvmlStructs.MemoryV2.VERSION);
    assertEquals(NvmlReturn.FUNCTION_NOT_FOUND, old.calls().memoryInfoV2(device, outAddress));
    assertEquals(NvmlReturn.FUNCTION_NOT_FOUND, old.calls().temperatureV(device, outAddress));
    assertEquals(NvmlReturn.FUNCTION_NOT_FOUND, old.calls().gpmSampleGet(device, outAddress));
    assertEquals(NvmlReturn.SUCCESS, old.calls().memoryInfo(device, outAddress));
    assertTrue(out.getLong(NvmlLayout.MEMORY_TOTAL) > 0);
  }

  @Test
  void everyBindingNamesASymbolOfTheLibrary() throws Exception {
    Nvml nvml = open("all", FakeNvml.Variant.DEFAULT, "");
    for (Class<?> binding : NvmlDirectBindings.class.getClasses()) {
      String symbol = NvmlDirectCalls.symbol(binding);
      assertTrue(nvml.has(symbol), symbol);
    }
    assertEquals(17, NvmlDirectBindings.class.getClasses().length);
  }
}
