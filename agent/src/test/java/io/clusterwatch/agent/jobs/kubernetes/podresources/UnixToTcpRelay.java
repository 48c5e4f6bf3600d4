package io.clusterwatch.agent.jobs.kubernetes.podresources;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Accepts one connection on a UNIX socket and relays it, both ways, to a TCP server. */
final class UnixToTcpRelay implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Path socket;
  private final Thread acceptor;

  UnixToTcpRelay(Path socket, InetSocketAddress target) throws IOException {
    this.socket = socket;
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    this.acceptor =
        new Thread(
            () -> {
              try (SocketChannel client = server.accept();
                  SocketChannel upstream = SocketChannel.open(target)) {
                Thread back = new Thread(() -> pump(upstream, client));
                back.setDaemon(true);
                back.start();
                pump(client, upstream);
                back.join();
              } catch (IOException | InterruptedException e) {
                // the test ended the relay
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private static void pump(SocketChannel from, SocketChannel to) {
    ByteBuffer b = ByteBuffer.allocate(8192);
    try {
      while (from.read(b) >= 0) {
        b.flip();
        while (b.hasRemaining()) {
          to.write(b);
        }
        b.clear();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // one side closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
    Files.deleteIfExists(socket);
  }
}
