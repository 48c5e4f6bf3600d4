package io.clusterwatch.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client handed to the shipper. */
final class HubClients {
  private HubClients() {}

  /**
   * None: the shipper opens its WebSocket on a plain socket ({@code ship.HubWebSocket}) and ignores
   * this argument. Building a JDK HttpClient anyway would start its selector thread and load the
   * java.net.http and TLS classes, several MB of resident memory on every node
   * (docs/benchmarks/agent-footprint.md).
   *
   * @return null
   */
  static HttpClient forHub(URI hub, Duration connectTimeout) {
    return null;
  }
}
