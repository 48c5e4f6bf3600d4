package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.protocol.message.JobInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The job page beside utilisation: a job on GPUs that report SM and tensor activity (NVML GPM)
 * shows those panels and no mark; a job on GPUs without them marks utilisation as a coarse metric
 * and shows no empty profiling panels. History goes straight into a real hub's store.
 */
class JobPageProfilingBrowserTest {
  @Test
  void smAndTensorPanelsWhenPresentCoarseMarkOtherwise(@TempDir Path tmp) throws Exception {
    Browsers.requireInstalled();
    try (HubUnderTest hub = HubUnderTest.start(HubConfig.defaults())) {
      long now = System.currentTimeMillis();
      long from = now - 10 * 60_000L;
      SyntheticHistory hopper = new SyntheticHistory("gpm-node-01", 0, true);
      hopper.fill(hub.services().store(), from, now, 1000);
      hub.services()
          .jobs()
          .pinned(
              "gpm-node-01",
              new JobInfo(
                  "gpm-1", "ada", "hopper-run", hopper.gpuUuids(), from, "static", Map.of()),
              from);
      SyntheticHistory ampere = new SyntheticHistory("old-node-01", 1, false);
      ampere.fill(hub.services().store(), from, now, 1000);
      hub.services()
          .jobs()
          .pinned(
              "old-node-01",
              new JobInfo(
                  "old-1", "bob", "ampere-run", ampere.gpuUuids(), from, "static", Map.of()),
              from);

      ChromeDriver driver = Browsers.start(tmp, 1600, 1100);
      try {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        driver.get(hub.baseUrl() + "/#/job/gpm-1?range=15m");
        Browsers.awaitViewReady(driver, "job");
        wait.withMessage("the SM activity panel shown")
            .until(d -> section(driver, "gpu_sm").isDisplayed());
        assertTrue(
            section(driver, "gpu_tensor").isDisplayed(), "tensor activity beside utilisation");
        assertFalse(mark(driver).isDisplayed(), "no coarse mark where SM activity is known");
        assertEquals(
            8L,
            driver.executeScript(
                "return echarts.getInstanceByDom("
                    + "document.querySelector('[data-panel=gpu_sm]')).getOption().series"
                    + ".filter((s) => String(s.name).startsWith('gpm-node-01:')).length"),
            "one line per GPU");
        Screenshots.save(driver, "job-sm-activity");

        driver.get(hub.baseUrl() + "/#/job/old-1?range=15m");
        wait.until(
            d ->
                "job"
                        .equals(
                            driver.executeScript(
                                "return document.getElementById('view').dataset.ready"))
                    && !driver.findElements(By.cssSelector("[data-testid=coarse-mark]")).isEmpty()
                    && mark(driver).isDisplayed());
        assertEquals("coarse metric", mark(driver).getText());
        assertTrue(mark(driver).getAttribute("title").contains("any kernel ran"));
        assertFalse(section(driver, "gpu_sm").isDisplayed(), "no empty SM panel");
        assertFalse(section(driver, "gpu_tensor").isDisplayed(), "no empty tensor panel");
        Screenshots.save(driver, "job-coarse-utilisation");
      } finally {
        driver.quit();
      }
    }
  }

  private static WebElement section(ChromeDriver driver, String panel) {
    return driver.findElement(By.cssSelector("[data-panel-section=" + panel + "]"));
  }

  private static WebElement mark(ChromeDriver driver) {
    return driver.findElement(By.cssSelector("[data-testid=coarse-mark]"));
  }
}
