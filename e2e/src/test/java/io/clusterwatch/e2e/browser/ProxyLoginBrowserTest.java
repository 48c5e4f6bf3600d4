package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfigReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of a hub in {@code auth.mode: proxy} in real headless Chromium, the front end
 * played by the browser itself (its requests come from 127.0.0.1, a trusted address, and carry the
 * user header once it is set): without the header the page says it is not logged in, with no login
 * form to go to; with it the header names the user and their role and the heatmap is drawn.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyLoginBrowserTest extends SimulatedClusterBrowserTest {
  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    startCluster(
        new HubConfigReader()
            .read(
                String.join(
                    "\n",
                    "auth:",
                    "  mode: proxy",
                    "  proxy:",
                    "    groups_header: X-Remote-Groups",
                    "    trusted_proxies: ['127.0.0.1/32', '::1/128']",
                    "roles:",
                    "  instructors: {'@teachers': [cs101]}"),
                "test.yaml"),
        1);
    startBrowser(tmp);
  }

  @Test
  @Order(1)
  void withoutTheProxysHeaderThePageSaysNotLoggedIn() {
    driver.get(hub.baseUrl() + "/");
    waitFor(
        "the not-logged-in message",
        d -> "Not logged in".equals(js("return document.querySelector('#view h1')?.textContent")));
    String text = driver.findElement(org.openqa.selenium.By.id("view")).getText();
    assertTrue(text.contains("open the dashboard through it"), text);
    assertEquals(hub.baseUrl() + "/", driver.getCurrentUrl(), "no login page to go to");
  }

  @Test
  @Order(2)
  void withTheHeaderTheDashboardNamesTheUserAndDrawsTheHeatmap() {
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand(
        "Network.setExtraHTTPHeaders",
        Map.of("headers", Map.of("X-Remote-User", "tina", "X-Remote-Groups", "teachers")));
    driver.get("about:blank"); // a fresh page load: the same URL with a hash would not reload
    open("#/", "cluster");
    waitFor(
        "the user in the header",
        d ->
            "tina \u00b7 instructor (cs101)"
                .equals(js("return document.getElementById('who').textContent")));
    waitFor("the live connection", d -> "open".equals(js("return document.body.dataset.live")));
    assertEquals(List.of(), consoleProblems());
  }
}
