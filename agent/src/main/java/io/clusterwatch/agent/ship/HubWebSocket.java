package io.clusterwatch.agent.ship;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A WebSocket client connection (RFC 6455) over a plain {@link Socket}, TLS for {@code wss://}. One
 * daemon thread connects, does the opening handshake and then blocks reading; a second one writes,
 * so that sends never block the caller and go out one at a time in the order they were asked for.
 * Pings are answered with pongs, a close from the hub is echoed, and a hub that breaks the protocol
 * gets a close frame with the RFC's status code before the socket is dropped.
 *
 * <p>The shipper keeps one message in flight, so the writer's queue holds at most a few entries.
 * Exactly one of {@link Events#closed} or {@link Events#failed} is reported per connection, unless
 * {@link #abort} came first.
 */
final class HubWebSocket {
  /** What the owner hears of a connection. Called on the reader thread. */
  interface Events {
    void opened(HubWebSocket socket);

    void text(String message);

    void closed(int statusCode, String reason);

    void failed(Throwable error);
  }

  private static final System.Logger LOG = System.getLogger(HubWebSocket.class.getName());
  private final URI uri;
  private final SSLSocketFactory tls;
  private final int connectTimeoutMs;
  private final int maxMessageBytes;
  private final Events events;
  private final SecureRandom random = new SecureRandom();
  private final ExecutorService writer;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Socket socket;
  private volatile boolean aborted;

  /** Set once the upgrade succeeded; used on the writer thread only. */
  private volatile WebSocketFrameWriter frames;

  private boolean closeSent; // writer thread only

  private HubWebSocket(
      URI uri, Duration connectTimeout, int maxMessageBytes, Events events, SSLSocketFactory tls) {
    this.uri = uri;
    this.tls = tls;
    this.connectTimeoutMs =
        (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis()));
    this.maxMessageBytes = maxMessageBytes;
    this.events = events;
    this.writer = Executors.newSingleThreadExecutor(r -> daemon(r, "clusterwatch-hub-writer"));
  }

  /**
   * Starts connecting to a {@code ws://} or {@code wss://} URI in the background; the outcome
   * arrives as {@link Events#opened} or {@link Events#failed}.
   *
   * @throws IllegalArgumentException when the URI is not a WebSocket URI with a host
   */
  static HubWebSocket open(URI uri, Duration connectTimeout, int maxMessageBytes, Events events) {
    return open(uri, connectTimeout, maxMessageBytes, events, null);
  }

  /**
   * As {@link #open(URI, Duration, int, Events)}, with {@code tls} making the TLS connection of a
   * {@code wss://} URI (null: the JDK's default, the system trust store). The hub's certificate
   * must name the URI's host either way.
   */
  static HubWebSocket open(
      URI uri, Duration connectTimeout, int maxMessageBytes, Events events, SSLSocketFactory tls) {
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
      throw new IllegalArgumentException("not a ws:// or wss:// URI with a host: " + uri);
    }
    HubWebSocket ws = new HubWebSocket(uri, connectTimeout, maxMessageBytes, events, tls);
    daemon(ws::run, "clusterwatch-hub-reader").start();
    return ws;
  }

  CompletableFuture<Void> sendText(String message) {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    return write(WebSocketFrame.TEXT, bytes, true);
  }

  /**
   * Sends a binary message, unmasked when {@code masked} is false: only to a hub that said it reads
   * such frames (protocol/README.md, "Masking").
   */
  CompletableFuture<Void> sendBinary(byte[] message, boolean masked) {
    return write(WebSocketFrame.BINARY, message, masked);
  }

  /** Starts the closing handshake; the hub's answering close ends the connection. */
  CompletableFuture<Void> sendClose(int code, String reason) {
    return write(WebSocketFrame.CLOSE, WebSocketClose.body(code, reason), true);
  }

  /** Drops the connection at once, without a closing handshake and without a further event. */
  void abort() {
    aborted = true;
    ended.set(true);
    writer.shutdownNow();
    closeQuietly();
  }

  private CompletableFuture<Void> write(int opcode, byte[] payload, boolean masked) {
    try {
      return CompletableFuture.runAsync(() -> writeNow(opcode, payload, masked), writer);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new IOException("connection to the hub is closed"));
    }
  }

  /** Writer thread only. */
  private void writeNow(int opcode, byte[] payload, boolean masked) {
    try {
      if (closeSent) {
        throw new IOException("close already sent");
      }
      if (frames == null) {
        throw new IOException("connection to the hub is not open");
      }
      frames.write(opcode, payload, 0, payload.length, masked);
      if (opcode == WebSocketFrame.CLOSE) {
        closeSent = true;
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The reader thread: connect, handshake, then read until the connection ends. */
  private void run() {
    try {
      InputStream in = connect();
      events.opened(this);
      read(
          new WebSocketFrameReader(in, maxMessageBytes),
          new WebSocketMessageAssembler(maxMessageBytes));
    } catch (WebSocketProtocolException e) {
      // Tell the hub why (section 7.1.7), then drop the connection.
      write(WebSocketFrame.CLOSE, WebSocketClose.body(e.closeCode(), e.getMessage()), true)
          .whenComplete((r, error) -> closeQuietly());
      end(e);
    } catch (IOException | RuntimeException e) {
      closeQuietly();
      end(e);
    }
  }

  private InputStream connect() throws IOException {
    boolean tls = uri.getScheme().equalsIgnoreCase("wss");
    int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
    Socket s = new Socket();
    socket = s;
    if (aborted) {
      closeQuietly();
      throw new IOException("aborted");
    }
    s.connect(new InetSocketAddress(uri.getHost(), port), connectTimeoutMs);
    s.setTcpNoDelay(true);
    s.setSoTimeout(connectTimeoutMs); // bounds the TLS and upgrade handshakes
    if (tls) {
      SSLSocket ssl =
          (SSLSocket)
              (this.tls != null ? this.tls : (SSLSocketFactory) SSLSocketFactory.getDefault())
                  .createSocket(s, uri.getHost(), port, true);
      SSLParameters params = ssl.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(params);
      socket = ssl;
      ssl.startHandshake();
      s = ssl;
    }
    OutputStream out = new BufferedOutputStream(s.getOutputStream(), 4096);
    InputStream in = new BufferedInputStream(s.getInputStream(), 4096);
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    String key = Base64.getEncoder().encodeToString(nonce);
    out.write(WebSocketHandshake.request(uri, key).getBytes(StandardCharsets.US_ASCII));
    out.flush();
    WebSocketHandshake.readResponse(in, key);
    s.setSoTimeout(0);
    frames = new WebSocketFrameWriter(out, random);
    return in;
  }

  private void read(WebSocketFrameReader reader, WebSocketMessageAssembler assembler)
      throws IOException {
    while (true) {
      WebSocketFrame message = assembler.accept(reader.next());
      if (message == null) {
        continue;
      }
      switch (message.opcode()) {
        case WebSocketFrame.TEXT -> events.text(WebSocketMessageAssembler.text(message.payload()));
        case WebSocketFrame.BINARY ->
            LOG.log(
                System.Logger.Level.DEBUG,
                "ignoring a binary message from the hub ({0} bytes)",
                message.payload().length);
        case WebSocketFrame.PING -> write(WebSocketFrame.PONG, message.payload(), true);
        case WebSocketFrame.PONG -> {}
        case WebSocketFrame.CLOSE -> {
          WebSocketClose close = WebSocketClose.parse(message.payload());
          // Echo the close (section 5.5.1) unless we started it, then drop the TCP connection.
          byte[] echo =
              close.code() == WebSocketFrame.NO_STATUS
                  ? new byte[0]
                  : WebSocketClose.body(close.code(), "");
          write(WebSocketFrame.CLOSE, echo, true).whenComplete((r, error) -> closeQuietly());
          if (ended.compareAndSet(false, true)) {
            events.closed(close.code(), close.reason());
          }
          writer.shutdown();
          return;
        }
        default ->
            throw new WebSocketProtocolException(
                WebSocketFrame.PROTOCOL_ERROR, "unexpected opcode " + message.opcode());
      }
    }
  }

  private void end(Throwable error) {
    writer.shutdown();
    if (ended.compareAndSet(false, true)) {
      events.failed(error);
    }
  }

  private void closeQuietly() {
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "closing the hub socket: {0}", e.toString());
      }
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    return t;
  }
}
