package io.clusterwatch.hub.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestLiveClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code live.max_clients} holds for the whole hub, however many HTTP verticles serve it. */
@ExtendWith(VertxExtension.class)
class LiveClientLimitTest {
  private static final int MAX_CLIENTS = 3;
  private final List<TestLiveClient> clients = new ArrayList<>();
  private TestHub hub;

  @AfterEach
  void stop() {
    clients.forEach(TestLiveClient::close);
    hub.hub.stop().await();
  }

  @Test
  void limitIsHubWideWithSeveralServerInstances(Vertx vertx) {
    HubConfig config =
        new HubConfigReader()
            .read(
                String.join(
                    "\n",
                    "server: {bind_host: 127.0.0.1, port: 0, instances: 4}",
                    "live: {max_clients: " + MAX_CLIENTS + "}"),
                "test.yaml");
    hub = new TestHub(vertx, config, Clock.systemUTC());
    for (int i = 0; i < MAX_CLIENTS; i++) {
      clients.add(TestLiveClient.connect(vertx, hub.port()));
    }
    // Four verticles with a limit each would take twelve; the hub takes three.
    UpgradeRejectedException e =
        assertThrows(
            UpgradeRejectedException.class,
            () -> clients.add(TestLiveClient.connect(vertx, hub.port())));
    assertEquals(503, e.getStatus());
    assertEquals(MAX_CLIENTS, hub.services.liveClients().open());
  }
}
