package io.clusterwatch.e2e.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/** Whole-page screenshots saved as test artifacts under {@code target/screenshots/}. */
final class Screenshots {
  static final Path DIR = Path.of("target", "screenshots");

  private Screenshots() {}

  /** Grows the window to the page's height, saves {@code name}.png, and restores the window. */
  static Path save(ChromeDriver driver, String name) throws IOException {
    Files.createDirectories(DIR);
    Dimension before = driver.manage().window().getSize();
    Number height =
        (Number)
            driver.executeScript(
                "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
    int h = Math.min(6000, Math.max(before.getHeight(), height.intValue() + 120));
    driver.manage().window().setSize(new Dimension(before.getWidth(), h));
    try {
      Path file = DIR.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } finally {
      driver.manage().window().setSize(before);
    }
  }
}
