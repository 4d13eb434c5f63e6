package org.illbridge.iso10161.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.iso10161.ApduType;
import org.illbridge.iso10161.BerCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbound transport against local socket peers. */
class TcpTransportTest {
  private final BerCodec codec = new BerCodec();
  private final List<InboundMessage> sentBack = new CopyOnWriteArrayList<>();
  private final byte[] shipped = golden();
  private TcpTransport transport;
  private ApduServer server;
  private RawPeer raw;

  private static byte[] golden() {
    try {
      return NeutralMapperTest.golden("yaz-shipped.ber");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private TcpTransport transport() {
    transport = new TcpTransport(new TcpSettings(0, "127.0.0.1", 1 << 20, 2000, 5000, 4, 2000, 4,
        30_000), m -> {
          sentBack.add(m);
          return new InboundResult.Accepted("k", false);
        });
    return transport;
  }

  @AfterEach
  void stop() throws Exception {
    if (transport != null) {
      transport.close();
    }
    if (server != null) {
      server.close();
    }
    if (raw != null) {
      raw.close();
    }
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() < end, () -> "timed out waiting: " + what + "; threads "
          + Thread.getAllStackTraces().entrySet().stream()
              .filter(e -> e.getKey().getName().startsWith("iso10161"))
              .map(e -> e.getKey().getName() + " " + java.util.Arrays.toString(e.getValue())).toList());
      Thread.sleep(10);
    }
  }

  @Test
  void sendReturnsAtOnceAndARefusalReportReachesTheInboundHandlerLater() throws Exception {
    List<InboundMessage> atPeer = new CopyOnWriteArrayList<>();
    server = new ApduServer(ApduServerTest.settings(5000), m -> {
      atPeer.add(m);
      return new InboundResult.Rejected(InboundResult.INVALID_STATE, "not now");
    });
    URI uri = URI.create("tcp://127.0.0.1:" + server.port());
    long start = System.nanoTime();
    assertEquals(0, transport().send(uri, shipped).length);
    assertTrue((System.nanoTime() - start) / 1_000_000 < 1000, "no waiting for a reply");
    await(() -> sentBack.size() == 1, "the peer's report read by the background reader");
    assertEquals(MessageType.ERROR_REPORT, sentBack.get(0).message().type());
    assertEquals(ApduType.STATUS_OR_ERROR_REPORT, codec.decode(sentBack.get(0).raw()).type());
    assertEquals(1, atPeer.size());
    assertThrows(IOException.class, () -> transport.send(URI.create("http://127.0.0.1:1/x"), shipped));
  }

  @Test
  void aPeerThatKeepsConnectionsGetsAllApdusOnOneConnection() throws Exception {
    raw = new RawPeer(false);
    URI uri = raw.uri();
    transport().send(uri, shipped);
    // after the probation the kept connection is reused
    Thread.sleep(TcpTransport.PROBATION_MILLIS + 300);
    for (int i = 0; i < 5; i++) {
      transport.send(uri, shipped);
    }
    await(() -> raw.apdus.get() == 6, "six APDUs at the peer");
    assertEquals(1, raw.accepted.get(), "one connection for all six");
    assertEquals(1, transport.openConnections());
  }

  @Test
  void aPeerClosingItsConnectionIsReconnected() throws Exception {
    raw = new RawPeer(false);
    URI uri = raw.uri();
    transport().send(uri, shipped);
    Thread.sleep(TcpTransport.PROBATION_MILLIS + 300);
    raw.dropAll();
    await(() -> transport.openConnections() == 0, "the reader saw the close");
    transport.send(uri, shipped);
    await(() -> raw.apdus.get() == 2, "the APDU after the close arrived");
    assertEquals(2, raw.accepted.get());
  }

  @Test
  void aPeerThatClosesAfterEachApduGetsOneConnectionPerApduAndLosesNone() throws Exception {
    raw = new RawPeer(true);
    URI uri = raw.uri();
    transport();
    for (int i = 0; i < 6; i++) {
      transport.send(uri, shipped);
      if (i == 0) {
        await(() -> transport.openConnections() == 0, "the peer closed the first connection");
      }
    }
    await(() -> raw.apdus.get() == 6, "every APDU arrived");
    assertEquals(6, raw.accepted.get());
  }

  @Test
  void garbageFromThePeerClosesTheConnectionAfterAReport() throws Exception {
    raw = new RawPeer(false);
    raw.answer = new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02};
    transport().send(raw.uri(), shipped);
    await(() -> transport.openConnections() == 0, "the transport closed the connection");
    await(() -> raw.replies.size() == 1, "the peer got a report");
    assertEquals(ApduType.STATUS_OR_ERROR_REPORT, codec.decode(raw.replies.get(0)).type());
    assertTrue(sentBack.isEmpty());
  }

  @Test
  void closingStopsEveryThreadAndConnection() throws Exception {
    raw = new RawPeer(false);
    transport().send(raw.uri(), shipped);
    await(() -> threads() > 0, "a reader runs");
    transport.close();
    await(() -> threads() == 0, "no transport thread left");
    assertEquals(0, transport.openConnections());
    await(() -> raw.open.get() == 0, "the peer saw the connection close");
    assertThrows(IOException.class, () -> transport.send(raw.uri(), shipped));
  }

  private static long threads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("iso10161-tcp-out")).count();
  }

  /** A peer on a plain server socket that counts connections and APDUs. */
  private final class RawPeer implements AutoCloseable {
    final ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger apdus = new AtomicInteger();
    final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final List<byte[]> replies = new CopyOnWriteArrayList<>();
    volatile byte[] answer;
    final Thread acceptor;

    RawPeer(boolean closeAfterEach) throws IOException {
      acceptor = new Thread(() -> {
        while (!ss.isClosed()) {
          try {
            Socket s = ss.accept();
            accepted.incrementAndGet();
            open.incrementAndGet();
            sockets.add(s);
            Thread t = new Thread(() -> serve(s, closeAfterEach));
            t.setDaemon(true);
            t.start();
          } catch (IOException e) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI uri() {
      return URI.create("tcp://127.0.0.1:" + ss.getLocalPort());
    }

    void serve(Socket s, boolean closeAfterEach) {
      try (s) {
        ApduReader reader = new ApduReader(s, 1 << 20, 30_000, 5000);
        while (true) {
          byte[] apdu = reader.next();
          if (apdu == null) {
            return;
          }
          assertArrayEquals(shipped, apdu);
          apdus.incrementAndGet();
          if (answer != null) {
            s.getOutputStream().write(answer);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            replies.add(new ApduReader(s, 1 << 20, 5000, 5000).next());
            in.read();
            return;
          }
          if (closeAfterEach) {
            return;
          }
        }
      } catch (Exception e) {
        // the test closed it
      } finally {
        open.decrementAndGet();
      }
    }

    void dropAll() throws IOException {
      for (Socket s : sockets) {
        s.close();
      }
    }

    @Override
    public void close() throws IOException {
      ss.close();
      dropAll();
    }
  }
}
