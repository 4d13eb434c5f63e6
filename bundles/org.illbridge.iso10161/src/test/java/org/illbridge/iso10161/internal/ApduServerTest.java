package org.illbridge.iso10161.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.iso10161.*;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApduServerTest {
  private final BerCodec codec = new BerCodec();
  private final List<InboundMessage> received = new CopyOnWriteArrayList<>();
  private volatile Function<InboundMessage, InboundResult> verdict =
      m -> new InboundResult.Accepted("k", false);
  private ApduServer server;

  static TcpSettings settings(int idleMillis) {
    return new TcpSettings(0, "127.0.0.1", 1 << 20, 2000, idleMillis, 4, 2000);
  }

  private ApduServer start(int idleMillis) throws Exception {
    server = new ApduServer(settings(idleMillis), m -> {
      received.add(m);
      return verdict.apply(m);
    });
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Sends bytes, half-closes, and returns everything the server wrote before closing. */
  private byte[] exchange(byte[] bytes) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(bytes);
      out.flush();
      s.shutdownOutput();
      return s.getInputStream().readAllBytes();
    }
  }

  @Test
  void severalApdusOnOneConnectionAndOneShotConnections() throws Exception {
    start(5000);
    byte[] yaz = NeutralMapperTest.golden("yaz-illclient-request-full.ber"); // indefinite lengths
    byte[] shipped = NeutralMapperTest.golden("yaz-shipped.ber");
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.write(yaz);
    both.write(shipped);
    both.write(yaz);
    assertEquals(0, exchange(both.toByteArray()).length, "accepted APDUs get no reply");
    assertEquals(3, received.size());
    assertEquals(MessageType.REQUEST, received.get(0).message().type());
    assertEquals(MessageType.SHIPPED, received.get(1).message().type());
    assertArrayEquals(yaz, received.get(0).raw(), "raw bytes kept for the message log");
    assertEquals("GRP-2024/REQ-000123", received.get(2).message().requesterTransactionId());
    assertEquals(0, exchange(shipped).length);
    assertEquals(4, received.size());
  }

  @Test
  void aPeerBeyondMaxConnectionsWaitsInsteadOfLosingItsApdu() throws Exception {
    start(5000); // maxConnections 4
    List<Socket> idle = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        idle.add(new Socket("127.0.0.1", server.port())); // hold every slot, send nothing
      }
      byte[] shipped = NeutralMapperTest.golden("yaz-shipped.ber");
      try (Socket late = new Socket("127.0.0.1", server.port())) { // fire and forget
        late.getOutputStream().write(shipped);
        late.getOutputStream().flush();
      }
      Thread.sleep(300);
      assertTrue(received.isEmpty(), "no slot free yet");
      idle.remove(0).close();
      long end = System.nanoTime() + 5_000_000_000L;
      while (received.isEmpty() && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertEquals(1, received.size(), "the APDU was kept in the backlog, not dropped");
      assertEquals(MessageType.SHIPPED, received.get(0).message().type());
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
  }

  @Test
  void apduSplitIntoTinyWritesIsReassembled() throws Exception {
    start(5000);
    byte[] yaz = NeutralMapperTest.golden("yaz-illclient-request-full.ber");
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      s.setTcpNoDelay(true);
      for (int i = 0; i < yaz.length; i += 7) {
        out.write(yaz, i, Math.min(7, yaz.length - i));
        out.flush();
      }
      s.shutdownOutput();
      assertEquals(-1, s.getInputStream().read());
    }
    assertEquals(1, received.size());
  }

  @Test
  void rejectedApduGetsAStatusOrErrorReport() throws Exception {
    start(5000);
    verdict = m -> new InboundResult.Rejected(InboundResult.UNKNOWN_TRANSACTION, "no such loan");
    byte[] reply = exchange(NeutralMapperTest.golden("yaz-received.ber"));
    StatusOrErrorReport r = (StatusOrErrorReport) codec.decode(reply);
    assertEquals(new ProviderErrorReport.TransactionIdProblemReport(
        TransactionIdProblem.UNKNOWN_TRANSACTION_ID), r.errorReport().providerErrorReport());
    assertEquals("GRP-2024/REQ-000123", r.errorReport().correlationInformation().value());
    assertEquals("REQ-000123", r.header().transactionId().qualifier().value());
    assertEquals("no such loan", r.note().value());
    assertEquals(1, received.size(), "the refused message still reached the engine");
  }

  @Test
  void errorReportsAreNeverAnsweredWithErrorReports() throws Exception {
    start(5000);
    verdict = m -> new InboundResult.Rejected(InboundResult.UNKNOWN_TRANSACTION, "x");
    assertEquals(0, exchange(NeutralMapperTest.golden("yaz-status-or-error-report.ber")).length);
  }

  @Test
  void garbageGetsBadlyStructuredAndTheConnectionCloses() throws Exception {
    start(5000);
    byte[] reply = exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
    StatusOrErrorReport r = (StatusOrErrorReport) codec.decode(reply);
    assertEquals(new ProviderErrorReport.General(GeneralProblem.BADLY_STRUCTURED_APDU),
        r.errorReport().providerErrorReport());
    assertTrue(received.isEmpty());
  }

  @Test
  void lengthBombIsRefusedBeforeAnyContentArrives() throws Exception {
    start(5000);
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      // header only: [APPLICATION 1] of 2 GB; the server must answer without waiting for content
      s.getOutputStream().write(new byte[] {0x61, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff,
          (byte) 0xff});
      s.getOutputStream().flush();
      StatusOrErrorReport r = (StatusOrErrorReport) codec.decode(
          s.getInputStream().readAllBytes());
      assertEquals(new ProviderErrorReport.General(GeneralProblem.BADLY_STRUCTURED_APDU),
          r.errorReport().providerErrorReport());
    }
  }

  @Test
  void wellFramedButWrongApduIsMistypedOrUnrecognized() throws Exception {
    start(5000);
    byte[] reply = exchange(new byte[] {0x30, 0x03, 0x02, 0x01, 0x05});
    StatusOrErrorReport r = (StatusOrErrorReport) codec.decode(reply);
    assertEquals(new ProviderErrorReport.General(GeneralProblem.UNRECOGNIZED_APDU),
        r.errorReport().providerErrorReport());
  }

  @Test
  void truncatedApduTimesOutAndCloses() throws Exception {
    server = new ApduServer(new TcpSettings(0, "127.0.0.1", 1 << 20, 300, 5000, 4, 2000),
        m -> new InboundResult.Accepted("k", false));
    byte[] yaz = NeutralMapperTest.golden("yaz-shipped.ber");
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(yaz, 0, yaz.length / 2);
      s.getOutputStream().flush();
      long t0 = System.nanoTime();
      byte[] reply = s.getInputStream().readAllBytes();
      assertTrue(System.nanoTime() - t0 < 4_000_000_000L, "closed by the read timeout");
      assertInstanceOf(StatusOrErrorReport.class, codec.decode(reply));
    }
  }

  @Test
  void handlerFailureIsReportedNotAcknowledged() throws Exception {
    start(5000);
    verdict = m -> {
      throw new IllegalStateException("database down");
    };
    StatusOrErrorReport r = (StatusOrErrorReport) codec.decode(
        exchange(NeutralMapperTest.golden("yaz-shipped.ber")));
    assertEquals(new UserErrorReport.UnableToPerformReport(UnableToPerform.RESOURCE_LIMITATION),
        r.errorReport().userErrorReport());
  }

  @Test
  void stoppingReleasesThePort() throws Exception {
    start(5000);
    int port = server.port();
    server.close();
    server = null;
    assertThrows(java.net.ConnectException.class, () -> new Socket("127.0.0.1", port).close());
  }

  static byte[] readAll(InputStream in) throws Exception {
    return in.readAllBytes();
  }
}
