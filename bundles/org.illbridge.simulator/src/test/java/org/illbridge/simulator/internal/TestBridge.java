package org.illbridge.simulator.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso18626.ConfirmationHeader;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.iso18626.Iso18626Version;
import org.illbridge.iso18626.MessageStatus;
import org.illbridge.iso18626.SupplyingAgencyMessageConfirmation;

/**
 * Stands in for the bridge in tests: a loopback TCP listener (ISO 10161) and an HTTP endpoint
 * (ISO 18626) that keep every message they receive. Every wait is bounded.
 */
final class TestBridge implements AutoCloseable {
  private final ServerSocket tcp;
  private final HttpServer http;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-bridge");
    t.setDaemon(true);
    return t;
  });
  final BlockingQueue<byte[]> apdus = new LinkedBlockingQueue<>();
  final BlockingQueue<byte[]> xml = new LinkedBlockingQueue<>();
  /** The messageStatus of the confirmations the HTTP endpoint answers with. */
  volatile MessageStatus confirmWith = MessageStatus.OK;

  TestBridge() throws IOException {
    tcp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.execute(this::acceptLoop);
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    http.setExecutor(pool);
    http.createContext("/iso18626", ex -> {
      try {
        byte[] body = ex.getRequestBody().readAllBytes();
        xml.add(body);
        byte[] reply;
        try {
          reply = new Iso18626Codec(Iso18626Codec.Options.lenientDefaults()).write(
              new SupplyingAgencyMessageConfirmation(new ConfirmationHeader(null, null,
                  OffsetDateTime.now(), null, null, OffsetDateTime.now(), confirmWith), null, List.of()),
              Iso18626Version.V2017);
        } catch (Exception e) {
          reply = new byte[0];
        }
        ex.sendResponseHeaders(200, reply.length);
        ex.getResponseBody().write(reply);
      } finally {
        ex.close();
      }
    });
    http.start();
  }

  URI tcpUri() {
    return URI.create("tcp://127.0.0.1:" + tcp.getLocalPort());
  }

  URI httpUri() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/iso18626");
  }

  private void acceptLoop() {
    while (!tcp.isClosed()) {
      try {
        Socket s = tcp.accept();
        pool.execute(() -> read(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void read(Socket s) {
    try (s) {
      ApduFrames frames = new ApduFrames(s, new BerCodec(), 5000, 5000);
      for (byte[] raw; (raw = frames.next()) != null; ) {
        apdus.add(raw);
      }
    } catch (Exception e) {
      // the test sees what arrived
    }
  }

  /** The next APDU's bytes, or null after {@code ms}. */
  byte[] nextApdu(long ms) throws InterruptedException {
    return apdus.poll(ms, TimeUnit.MILLISECONDS);
  }

  byte[] nextXml(long ms) throws InterruptedException {
    return xml.poll(ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws IOException {
    tcp.close();
    http.stop(0);
    pool.shutdownNow();
  }
}
