package io.clusterwatch.agent.ship;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * Receives one connection's WebSocket events and hands whole text messages to the shipper. Asks for
 * one message at a time, so a slow shipper slows the socket instead of queueing without bound.
 */
final class HubSocketListener implements WebSocket.Listener {
  /** What the shipper does with a connection's events. */
  interface Events {
    void opened(WebSocket ws);

    void text(String message);

    void closed(int statusCode, String reason);

    void failed(Throwable error);
  }

  private final Events events;
  private final StringBuilder partial = new StringBuilder();

  HubSocketListener(Events events) {
    this.events = events;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    events.opened(webSocket);
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String message = partial.toString();
      partial.setLength(0);
      events.text(message);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    // The hub sends no binary frames in protocol v1; ignore rather than fail.
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    events.closed(statusCode, reason);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    events.failed(error);
  }
}
