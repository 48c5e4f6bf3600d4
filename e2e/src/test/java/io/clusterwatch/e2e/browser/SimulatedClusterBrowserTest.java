package io.clusterwatch.e2e.browser;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.simulator.ClusterSimulator;
import io.clusterwatch.simulator.SimulatorOptions;
import io.clusterwatch.simulator.connection.ConnectionSettings;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests share: a real hub in this JVM on a real port, the simulator's agents
 * streaming to it over real WebSockets, one headless Chromium, and waits on conditions (never fixed
 * sleeps). Subclasses start them from their own {@code @BeforeAll}; everything stops after all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SimulatedClusterBrowserTest {
  static final int GPUS_PER_NODE = 8;
  static final Duration WAIT = Duration.ofSeconds(60);

  HubUnderTest hub;
  HubApi api;
  ChromeDriver driver;
  private Vertx simulatorVertx;

  /** A hub with {@code config} and {@code nodes} simulated nodes that reconnect within a second. */
  void startCluster(HubConfig config, int nodes) throws Exception {
    Browsers.requireInstalled();
    hub = HubUnderTest.start(config);
    api = new HubApi(hub.baseUrl());
    ConnectionSettings fast =
        ConnectionSettings.defaults(URI.create(hub.ingestUrl()), "")
            .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));
    simulatorVertx = Vertx.vertx(ClusterSimulator.vertxOptions());
    simulatorVertx
        .deployVerticle(
            new ClusterSimulator(
                new SimulatorOptions(
                    nodes, SimulatorOptions.DEFAULT_SEED, Duration.ofSeconds(1), fast, "e2e"),
                Clock.systemUTC()))
        .await();
  }

  void startBrowser(Path tmp) throws java.io.IOException {
    driver = Browsers.start(tmp, 1600, 1100);
  }

  @AfterAll
  void stopAll() {
    if (driver != null) {
      driver.quit();
    }
    if (simulatorVertx != null) {
      simulatorVertx.close().await();
    }
    if (hub != null) {
      hub.close();
    }
  }

  /** Opens a page and waits until its view says it is drawn. */
  void open(String hash, String view) {
    driver.get(hub.baseUrl() + "/" + hash);
    waitFor(
        view + " page drawn",
        d -> view.equals(js("return document.getElementById('view').dataset.ready")));
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  <T> T waitFor(String what, Function<ChromeDriver, T> condition) {
    return new WebDriverWait(driver, WAIT)
        .withMessage("waiting for " + what)
        .ignoring(StaleElementReferenceException.class)
        .until(d -> condition.apply(driver));
  }

  void awaitHub(String what, Function<HubApi, Boolean> condition) {
    new FluentWait<>(api)
        .withTimeout(WAIT)
        .pollingEvery(Duration.ofMillis(250))
        .ignoring(IllegalStateException.class)
        .withMessage("waiting for " + what)
        .until(condition::apply);
  }

  /** Console messages since the browser started that show a CSP violation or an uncaught error. */
  List<String> consoleProblems() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(
            m ->
                m.contains("Content Security Policy")
                    || m.contains("Refused to")
                    || m.contains("Uncaught"))
        .toList();
  }
}
