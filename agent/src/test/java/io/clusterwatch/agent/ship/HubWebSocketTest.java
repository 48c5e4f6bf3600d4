package io.clusterwatch.agent.ship;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted server on a real socket: what goes over the wire, byte by byte. */
class HubWebSocketTest {
  private static final HexFormat HEX = HexFormat.of();
  private ServerSocket server;
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private HubWebSocket client;

  private record Opened() {}

  private record Text(String message) {}

  private record Closed(int code, String reason) {}

  private record Failed(Throwable error) {}

  /** A frame as the server reads it: unmasked payload and whether the client masked it. */
  private record ClientFrame(int firstByte, boolean masked, byte[] payload) {}

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void stop() throws IOException {
    if (client != null) {
      client.abort();
    }
    server.close();
  }

  private void connect() {
    client =
        HubWebSocket.open(
            URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ingest"),
            Duration.ofSeconds(5),
            1024,
            new HubWebSocket.Events() {
              @Override
              public void opened(HubWebSocket socket) {
                events.add(new Opened());
              }

              @Override
              public void text(String message) {
                events.add(new Text(message));
              }

              @Override
              public void closed(int statusCode, String reason) {
                events.add(new Closed(statusCode, reason));
              }

              @Override
              public void failed(Throwable error) {
                events.add(new Failed(error));
              }
            });
  }

  private Object nextEvent() throws InterruptedException {
    Object event = events.poll(10, TimeUnit.SECONDS);
    assertNotNull(event, "no event from the client within 10 s");
    return event;
  }

  /** Accepts the client and answers its upgrade; {@code accept} overrides the correct key. */
  private Socket acceptUpgrade(String accept) throws IOException {
    Socket s = server.accept();
    s.setSoTimeout(10_000);
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      assertTrue(b >= 0, "client closed during the upgrade");
      head.append((char) b);
    }
    String key =
        head.toString()
            .lines()
            .filter(l -> l.startsWith("Sec-WebSocket-Key: "))
            .findFirst()
            .orElseThrow()
            .substring(19);
    String answer = accept != null ? accept : WebSocketHandshake.accept(key);
    s.getOutputStream()
        .write(
            ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                    + answer
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    return s;
  }

  private static ClientFrame readClientFrame(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    long length = b1 & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] mask = new byte[4];
    if ((b1 & 0x80) != 0) {
      in.readFully(mask);
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    for (int i = 0; i < payload.length; i++) {
      payload[i] ^= mask[i & 3];
    }
    return new ClientFrame(b0, (b1 & 0x80) != 0, payload);
  }

  private static void send(Socket s, String hex) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(HEX.parseHex(hex));
    out.flush();
  }

  @Test
  void answersPingsJoinsFragmentsAndMasksWhatItSends() throws Exception {
    connect();
    try (Socket s = acceptUpgrade(null)) {
      assertInstanceOf(Opened.class, nextEvent());
      send(s, "89026869"); // ping "hi"
      ClientFrame pong = readClientFrame(s);
      assertEquals(0x8A, pong.firstByte());
      assertTrue(pong.masked());
      assertEquals("hi", new String(pong.payload(), StandardCharsets.UTF_8));

      send(s, "010348656c" + "80026c6f"); // "Hel" + "lo" (RFC 6455 5.7)
      assertEquals(new Text("Hello"), nextEvent());

      byte[] binary = new byte[300];
      for (int i = 0; i < binary.length; i++) {
        binary[i] = (byte) i;
      }
      client.sendBinary(binary, true).get(10, TimeUnit.SECONDS);
      ClientFrame frame = readClientFrame(s);
      assertEquals(0x82, frame.firstByte());
      assertTrue(frame.masked());
      assertArrayEquals(binary, frame.payload());

      client.sendText("{\"type\":\"x\"}").get(10, TimeUnit.SECONDS);
      ClientFrame text = readClientFrame(s);
      assertEquals(0x81, text.firstByte());
      assertTrue(text.masked());
      assertEquals("{\"type\":\"x\"}", new String(text.payload(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void sendsABinaryMessageUnmaskedOnlyWhenAsked() throws Exception {
    connect();
    try (Socket s = acceptUpgrade(null)) {
      assertInstanceOf(Opened.class, nextEvent());
      byte[] binary = new byte[70_000]; // fragmented: every fragment unmasked
      for (int i = 0; i < binary.length; i++) {
        binary[i] = (byte) (i * 7);
      }
      client.sendBinary(binary, false).get(10, TimeUnit.SECONDS);
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      ClientFrame fragment;
      do {
        fragment = readClientFrame(s);
        assertFalse(fragment.masked());
        joined.write(fragment.payload());
      } while ((fragment.firstByte() & 0x80) == 0);
      assertArrayEquals(binary, joined.toByteArray());

      client.sendText("{\"type\":\"x\"}").get(10, TimeUnit.SECONDS);
      assertTrue(readClientFrame(s).masked(), "text stays masked");
      send(s, "89026869"); // ping "hi"
      assertTrue(readClientFrame(s).masked(), "control frames stay masked");
    }
  }

  @Test
  void echoesTheHubsCloseAndReportsIt() throws Exception {
    connect();
    try (Socket s = acceptUpgrade(null)) {
      assertInstanceOf(Opened.class, nextEvent());
      send(s, "880503e9627965"); // close 1001 "bye"
      assertEquals(new Closed(1001, "bye"), nextEvent());
      ClientFrame echo = readClientFrame(s);
      assertEquals(0x88, echo.firstByte());
      assertEquals("03e9", HEX.formatHex(echo.payload()));
      assertEquals(
          -1, s.getInputStream().read(), "client drops the TCP connection after the close");
    }
  }

  @Test
  void closesWithTheProtocolErrorCodeWhenTheHubBreaksTheProtocol() throws Exception {
    connect();
    try (Socket s = acceptUpgrade(null)) {
      assertInstanceOf(Opened.class, nextEvent());
      send(s, "818537fa213d7f9f4d5158"); // a masked frame: servers must not mask
      Failed failed = assertInstanceOf(Failed.class, nextEvent());
      assertInstanceOf(WebSocketProtocolException.class, failed.error());
      ClientFrame close = readClientFrame(s);
      assertEquals(0x88, close.firstByte());
      assertEquals(1002, (close.payload()[0] & 0xFF) << 8 | close.payload()[1] & 0xFF);
    }
  }

  @Test
  void refusesAMessageOverTheLimit() throws Exception {
    connect();
    try (Socket s = acceptUpgrade(null)) {
      assertInstanceOf(Opened.class, nextEvent());
      send(s, "817e0401" + "00".repeat(1025));
      assertInstanceOf(Failed.class, nextEvent());
      ClientFrame close = readClientFrame(s);
      assertEquals(1009, (close.payload()[0] & 0xFF) << 8 | close.payload()[1] & 0xFF);
    }
  }

  @Test
  void failsOnAWrongAcceptKey() throws Exception {
    connect();
    try (Socket s = acceptUpgrade("AAAAAAAAAAAAAAAAAAAAAAAAAAA=")) {
      Failed failed = assertInstanceOf(Failed.class, nextEvent());
      assertTrue(
          failed.error().getMessage().contains("Sec-WebSocket-Accept"),
          failed.error().getMessage());
    }
  }

  @Test
  void failsWhenNothingListens() throws Exception {
    int port = server.getLocalPort();
    server.close();
    client =
        HubWebSocket.open(
            URI.create("ws://127.0.0.1:" + port + "/ingest"),
            Duration.ofSeconds(5),
            1024,
            new HubWebSocket.Events() {
              @Override
              public void opened(HubWebSocket socket) {
                events.add(new Opened());
              }

              @Override
              public void text(String message) {}

              @Override
              public void closed(int statusCode, String reason) {}

              @Override
              public void failed(Throwable error) {
                events.add(new Failed(error));
              }
            });
    assertInstanceOf(IOException.class, assertInstanceOf(Failed.class, nextEvent()).error());
  }
}
