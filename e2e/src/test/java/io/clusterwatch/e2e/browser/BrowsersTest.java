package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing browser skips the browser tests, except under CI=true where it fails them. */
class BrowsersTest {
  @TempDir Path tmp;

  @Test
  void missingBrowserSkipsLocally() {
    Path absent = tmp.resolve("chromedriver");
    TestAbortedException e =
        assertThrows(
            TestAbortedException.class, () -> Browsers.requireInstalled(List.of(absent), null));
    assertTrue(e.getMessage().contains(absent.toString()), e.getMessage());
    assertThrows(
        TestAbortedException.class, () -> Browsers.requireInstalled(List.of(absent), "false"));
  }

  @Test
  void missingBrowserFailsUnderCi() {
    Path absent = tmp.resolve("chromium");
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class, () -> Browsers.requireInstalled(List.of(absent), "true"));
    assertTrue(e.getMessage().contains("CI=true"), e.getMessage());
  }

  @Test
  void presentExecutablesPass() throws Exception {
    Path exe =
        Files.createFile(
            tmp.resolve("chromium"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    assertDoesNotThrow(() -> Browsers.requireInstalled(List.of(exe), "true"));
  }
}
