package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.protocol.message.JobInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The job page on a shared node: a job whose cgroup the agent reads shows its own CPU, memory, disk
 * and I/O-wait panels, with only its own lines (not its neighbour's), and keeps the whole-node
 * panels behind the "whole node" toggle; a job without per-job series gets the node panels at once.
 * History goes straight into a real hub's store.
 */
class JobPageOwnPanelsBrowserTest {
  static final List<String> JOB_PANELS =
      List.of("job_cpu", "job_memory", "job_disk_read", "job_disk_write", "job_io_wait");
  static final List<String> NODE_PANELS =
      List.of("cpu", "memory", "disk_read", "disk_write", "disk_util");

  @Test
  void ownPanelsAndTheWholeNodeToggle(@TempDir Path tmp) throws Exception {
    Browsers.requireInstalled();
    try (HubUnderTest hub = HubUnderTest.start(HubConfig.defaults())) {
      long now = System.currentTimeMillis();
      long from = now - 10 * 60_000L;
      // two jobs share the node, four GPUs each; the agent reads both cgroups
      SyntheticHistory shared =
          new SyntheticHistory("shared-node-01", 0, false, List.of("501", "502"));
      shared.fill(hub.services().store(), from, now, 1000);
      List<String> gpus = shared.gpuUuids();
      hub.services()
          .jobs()
          .pinned(
              "shared-node-01",
              new JobInfo("501", "ada", "resnet", gpus.subList(0, 4), from, "static", Map.of()),
              from);
      hub.services()
          .jobs()
          .pinned(
              "shared-node-01",
              new JobInfo("502", "bob", "bert", gpus.subList(4, 8), from, "static", Map.of()),
              from);
      SyntheticHistory plain = new SyntheticHistory("plain-node-01", 1);
      plain.fill(hub.services().store(), from, now, 1000);
      hub.services()
          .jobs()
          .pinned(
              "plain-node-01",
              new JobInfo("601", "cy", "no-cgroup", plain.gpuUuids(), from, "static", Map.of()),
              from);

      ChromeDriver driver = Browsers.start(tmp, 1600, 1100);
      try {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        driver.get(hub.baseUrl() + "/#/job/501?range=15m");
        Browsers.awaitViewReady(driver, "job");
        wait.withMessage("the job's own CPU panel shown")
            .until(d -> section(driver, "job_cpu").isDisplayed());
        for (String p : JOB_PANELS) {
          assertTrue(section(driver, p).isDisplayed(), p + " shown");
        }
        for (String p : NODE_PANELS) {
          assertFalse(section(driver, p).isDisplayed(), p + " behind the whole-node toggle");
        }
        WebElement toggle = driver.findElement(By.cssSelector("[data-testid=whole-node-toggle]"));
        assertFalse(toggle.isSelected());
        // job 501 holds half the node: 6 * 0.5 user + 0.5 * 0.5 system = 3.25 cores; 502's 6.5 must
        // not show
        assertEquals(List.of("shared-node-01"), lineNames(driver, "job_cpu"));
        double cores = ChartLines.fromEnd(driver, "job_cpu", "shared-node-01", 2);
        assertEquals(3.25, cores, 0.01, "the job's own CPU, user plus system");
        double memory = ChartLines.fromEnd(driver, "job_memory", "shared-node-01", 1);
        assertEquals(20e9, memory, 1, "the job's own memory, not its neighbour's 40 GB");
        Screenshots.save(driver, "job-own-panels");

        toggle.click();
        wait.withMessage("node panels shown after the toggle")
            .until(d -> section(driver, "cpu").isDisplayed());
        for (String p : NODE_PANELS) {
          assertTrue(section(driver, p).isDisplayed(), p + " shown with the toggle on");
        }
        assertTrue(section(driver, "job_cpu").isDisplayed(), "the job's own panels stay");
        Screenshots.save(driver, "job-whole-node");

        driver.get(hub.baseUrl() + "/#/job/601?range=15m");
        // the old page is gone once the title names the new job; its node panels show after the
        // first load
        wait.until(
            d ->
                driver.findElement(By.cssSelector("h1")).getText().startsWith("Job 601")
                    && section(driver, "cpu").isDisplayed());
        assertTrue(
            driver.findElement(By.cssSelector("[data-testid=whole-node-toggle]")).isSelected(),
            "without the job's own series the node panels are on");
        for (String p : JOB_PANELS) {
          assertFalse(section(driver, p).isDisplayed(), "no empty " + p);
        }
      } finally {
        driver.quit();
      }
    }
  }

  private static WebElement section(ChromeDriver driver, String panel) {
    return driver.findElement(By.cssSelector("[data-panel-section=" + panel + "]"));
  }

  private static List<String> lineNames(ChromeDriver driver, String panel) {
    return List.copyOf(ChartLines.of(driver, panel).keySet());
  }
}
