package io.clusterwatch.agent.gpu.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The fake libnvidia-ml.so built from src/test/c/fake_nvml.c by the test build. Each test gets its
 * own copy of the file, so that the dynamic loader gives it its own instance with its own scenario.
 */
public final class FakeNvml {
  /** Build variants (see agent/pom.xml and src/test/c/README.md). */
  public enum Variant {
    DEFAULT(""),
    NO_MEMINFO_V2("no-meminfo-v2"),
    R535("r535");

    final String dir;

    Variant(String dir) {
      this.dir = dir;
    }
  }

  /** The fake's control functions (not part of NVML). */
  interface Control extends Library {
    int fake_nvml_configure(String spec);

    void fake_nvml_release_hang();

    void fake_nvml_set_lost(int gpu);

    void fake_nvml_inject_xid(int gpu, long xid);

    NativeLong fake_nvml_layout(String name);

    NativeLong fake_nvml_call_count(int gpu, String call);

    /** GPM sample buffers allocated and not yet freed. */
    NativeLong fake_nvml_gpm_samples_live();
  }

  static final Path BUILD_DIR = Path.of("target", "fake-nvml");

  final Path library;
  final Control control;

  private FakeNvml(Path library, Control control) {
    this.library = library;
    this.control = control;
  }

  /** The built library of a variant; skips the test loudly (fails under CI=true) when absent. */
  public static Path built(Variant variant) {
    Path path = BUILD_DIR.resolve(variant.dir).resolve("libnvidia-ml.so");
    if (!Files.isRegularFile(path)) {
      String message =
          "NVML TESTS SKIPPED: "
              + path.toAbsolutePath()
              + " was not built (is gcc installed?). "
              + "The test build compiles it from src/test/c/fake_nvml.c.";
      System.err.println("*** " + message + " ***");
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    return path;
  }

  /** A private copy of the variant in {@code dir}, configured with {@code scenario}. */
  static FakeNvml install(Path dir, Variant variant, String scenario) throws IOException {
    Path copy = dir.resolve("libnvidia-ml.so");
    Files.copy(built(variant), copy, StandardCopyOption.REPLACE_EXISTING);
    Control control = Native.load(copy.toAbsolutePath().toString(), Control.class);
    assertEquals(0, control.fake_nvml_configure(scenario), "fake scenario: " + scenario);
    return new FakeNvml(copy, control);
  }

  /** Loads the copy through the agent's own loader, exactly as it loads the driver's library. */
  Nvml load() {
    return new NvmlLoader().load(library);
  }

  long calls(int gpu, String call) {
    return control.fake_nvml_call_count(gpu, call).longValue();
  }
}
