package io.clusterwatch.agent.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebSocketHandshakeTest {
  /** RFC 6455 section 1.3: the sample nonce and the server's answer to it. */
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

  private static InputStream response(String head) {
    return new ByteArrayInputStream((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void acceptIsTheRfcsExample() {
    assertEquals(ACCEPT, WebSocketHandshake.accept(KEY));
  }

  @Test
  void requestAsksForAnUpgradeOfThePathAndQuery() {
    String request =
        WebSocketHandshake.request(URI.create("ws://hub.example:8080/ingest?x=1"), KEY);
    assertEquals(
        "GET /ingest?x=1 HTTP/1.1\r\n"
            + "Host: hub.example:8080\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + KEY
            + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n",
        request);
    assertTrue(
        WebSocketHandshake.request(URI.create("wss://hub.example"), KEY)
            .startsWith("GET / HTTP/1.1\r\nHost: hub.example\r\n"));
  }

  @Test
  void readsAGoodAnswerUpToTheEmptyLineOnly() throws Exception {
    InputStream in =
        new ByteArrayInputStream(
            ("HTTP/1.1 101 Switching Protocols\r\n"
                    + "upgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Accept: "
                    + ACCEPT
                    + "\r\n\r\n\u0081\u0000")
                .getBytes(StandardCharsets.ISO_8859_1));
    WebSocketHandshake.readResponse(in, KEY);
    assertEquals(0x81, in.read(), "the first frame byte stays in the stream");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "refused | HTTP/1.1 403 Forbidden\\r\\nContent-Length: 0 | 403 Forbidden",
        "not HTTP | SSH-2.0-OpenSSH_9.6 | not an HTTP response",
        "wrong accept | HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: AAAA | expected "
            + ACCEPT,
        "no accept | HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade | expected "
            + ACCEPT,
        "no upgrade | HTTP/1.1 101 Switching Protocols\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: "
            + ACCEPT
            + " | Upgrade: websocket",
        "no connection | HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nSec-WebSocket-Accept: "
            + ACCEPT
            + " | Connection: Upgrade",
        "unasked extension | HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: "
            + ACCEPT
            + "\\r\\nSec-WebSocket-Extensions: permessage-deflate | extension",
        "malformed header | HTTP/1.1 101 Switching Protocols\\r\\nUpgrade websocket | malformed header",
      })
  void refusesBadAnswers(String name, String head, String message) {
    IOException e =
        assertThrows(
            IOException.class,
            () -> WebSocketHandshake.readResponse(response(head.replace("\\r\\n", "\r\n")), KEY));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void aConnectionClosedDuringTheUpgradeIsAnError() {
    InputStream in =
        new ByteArrayInputStream("HTTP/1.1 101 Switching".getBytes(StandardCharsets.US_ASCII));
    assertThrows(IOException.class, () -> WebSocketHandshake.readResponse(in, KEY));
  }
}
