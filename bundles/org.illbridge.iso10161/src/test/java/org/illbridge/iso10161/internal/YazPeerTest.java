package org.illbridge.iso10161.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.iso10161.testsupport.YazIllPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real peer: {@code yaz-ill-peer} (src/test/c/yaz-ill-peer.c), built on libyaz's own ILL
 * encoder and decoder, talks to our TCP listener. It sends byte for byte what yaz-illclient sends
 * (checked against the captured golden vector), and decodes our Status-Or-Error-Reports with
 * libyaz. Skipped without gcc / libyaz-dev, failing instead when CI=true (see {@link YazIllPeer}).
 */
class YazPeerTest {
  private static final Path REQUEST_FULL = Path.of("src/test/golden/request-full.txt");
  private YazIllPeer peer;

  private final List<InboundMessage> received = new CopyOnWriteArrayList<>();
  private ApduServer server;

  @BeforeEach // not @BeforeAll: a skip then shows on every test, with its reason
  void buildPeer() {
    peer = YazIllPeer.get(); // compiled once per JVM
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private int listen(Function<InboundMessage, InboundResult> verdict) throws Exception {
    server = new ApduServer(ApduServerTest.settings(5000), m -> {
      received.add(m);
      return verdict.apply(m);
    });
    return server.port();
  }

  /**
   * With no reply the peer may be gone before the listener has decoded what it sent (a cold JVM
   * on a busy machine): wait for the handler, within a bound.
   */
  private List<InboundMessage> awaitReceived(int count) throws InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (received.size() < count && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    return received;
  }

  private static InboundResult accept(InboundMessage m) {
    return new InboundResult.Accepted("k", false);
  }

  @Test
  void peerSendsExactlyWhatYazIllClientSends() throws Exception {
    Path out = Files.createTempFile(Path.of("target"), "peer-request", ".ber");
    YazIllPeer.Result r = peer.run("-f", REQUEST_FULL.toString(), "-o", out.toString(), "-");
    assertEquals(YazIllPeer.OK, r.exit(), r.toString());
    // both build the request with libyaz's ill_get_APDU from the same parameters
    assertEquals(HexFormat.of().formatHex(Files.readAllBytes(
            Path.of("src/test/resources/golden/yaz-illclient-request-full.ber"))),
        HexFormat.of().formatHex(Files.readAllBytes(out)));
    Files.delete(out);
  }

  @Test
  void acceptedRequestReachesTheHandlerAndGetsNoReply() throws Exception {
    int port = listen(YazPeerTest::accept);
    YazIllPeer.Result r = peer.send(port, "--no-reply", "-t", "1", "-f", REQUEST_FULL.toString());
    assertEquals(YazIllPeer.OK, r.exit(), r.toString());
    assertEquals("no reply", r.summary());
    assertEquals(1, awaitReceived(1).size(), r.toString());
    IllMessage m = received.get(0).message();
    assertEquals(MessageType.REQUEST, m.type());
    assertEquals("GRP-2024/REQ-000123", m.requesterTransactionId());
    assertEquals("BVAS", m.sender().value());
    assertEquals("OZZ", m.recipient().value());
    assertEquals("The Java Language Specification", m.item().title());
    assertEquals("Gosling, James", m.item().author());
    assertEquals("0321246780", m.item().isbn());
    assertEquals(ServiceType.LOAN, m.serviceType());
    assertEquals("P-42", m.patron().id());
    assertEquals("Please ship by courier", m.note());
    assertArrayEquals(Files.readAllBytes(
        Path.of("src/test/resources/golden/yaz-illclient-request-full.ber")),
        received.get(0).raw());
  }

  @Test
  void requestBuiltFromCommandLineParameters() throws Exception {
    int port = listen(YazPeerTest::accept);
    YazIllPeer.Result r = peer.send(port, "--no-reply", "-t", "1",
        "-D", "transaction-id,transaction-qualifier=T-77",
        "-D", "requester-id,person-or-institution-symbol,institution=CA-BVAS",
        "-D", "responder-id,person-or-institution-symbol,institution=US-TXU",
        "-D", "item-id,title=Dune", "-D", "item-id,author=Herbert, Frank");
    assertEquals(YazIllPeer.OK, r.exit(), r.toString());
    assertEquals(1, awaitReceived(1).size(), r.toString());
    IllMessage m = received.get(0).message();
    assertEquals(MessageType.REQUEST, m.type());
    assertEquals("T-77", m.requesterTransactionId());
    assertEquals("ISIL:CA-BVAS", m.sender().toString());
    assertEquals("ISIL:US-TXU", m.recipient().toString());
    assertEquals("Dune", m.item().title());
    assertEquals("Herbert, Frank", m.item().author());
    assertEquals(ServiceType.LOAN, m.serviceType());
    // the peer stamps the service with the current UTC date
    LocalDate sent = m.timestamp().atZone(ZoneOffset.UTC).toLocalDate();
    assertTrue(!sent.isBefore(LocalDate.now(ZoneOffset.UTC).minusDays(1)), sent::toString);
  }

  /** Each refusal reaches the peer as a Status-Or-Error-Report that libyaz decodes. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "unknown-transaction | error=provider transaction-id-problem=unknown-transaction-id",
      "invalid-state       | error=provider state-transition-prohibited=ill-request current-state=unknown",
      "unsupported         | error=provider general-problem=unrecognized-apdu",
      "unknown-agency      | error=user unable-to-perform=other"})
  void refusalIsDecodedByLibyaz(String reason, String expected) throws Exception {
    int port = listen(m -> new InboundResult.Rejected(reason, "Refused: \"" + reason + "\""));
    YazIllPeer.Result r = peer.send(port, "--expect-reply", "-t", "5",
        "-D", "transaction-id,transaction-group-qualifier=G1",
        "-D", "transaction-id,transaction-qualifier=T-9");
    assertEquals(YazIllPeer.OK, r.exit(), r.toString());
    assertEquals("Status-Or-Error-Report tid=G1/T-9 requester=PEER-REQ responder=PEER-RESP "
        + expected + " correlation=\"G1/T-9\" note=\"Refused: \\\"" + reason + "\\\"\"",
        r.summary());
    assertEquals(1, received.size());
  }

  /** The other services a requester sends, for an existing transaction id. */
  @ParameterizedTest
  @CsvSource({
      "received,     RECEIVED,     received",
      "returned,     RETURNED,     returned",
      "cancel,       CANCEL,       cancel",
      "status-query, STATUS_QUERY, status-query",
      "message,      NOTE,         message"})
  void otherServicesForATransaction(String apdu, MessageType type, String apduType)
      throws Exception {
    int port = listen(m -> new InboundResult.Rejected(InboundResult.INVALID_STATE, "not now"));
    YazIllPeer.Result r = peer.send(port, "--apdu", apdu, "-t", "5",
        "-D", "transaction-id,transaction-group-qualifier=GRP-2024",
        "-D", "transaction-id,transaction-qualifier=REQ-000123",
        "-D", "note=Where is it?", "-D", "date-received=20240321",
        "-D", "date-returned=20240410");
    assertEquals(YazIllPeer.OK, r.exit(), r.toString());
    assertTrue(r.summary().startsWith("Status-Or-Error-Report tid=GRP-2024/REQ-000123 "),
        r.toString());
    assertTrue(r.summary().contains(" state-transition-prohibited=" + apduType
        + " current-state=unknown "), r.toString());
    assertEquals(1, received.size());
    IllMessage m = received.get(0).message();
    assertEquals(type, m.type());
    assertEquals("GRP-2024/REQ-000123", m.requesterTransactionId());
    switch (type) {
      case RECEIVED -> assertEquals("20240321", m.attributes().get("iso10161.date-received"));
      case RETURNED -> assertEquals("20240410", m.attributes().get("iso10161.date-returned"));
      case STATUS_QUERY, NOTE -> assertEquals("Where is it?", m.note());
      default -> { }
    }
  }

  @Test
  void handlerFailureIsReportedAsResourceLimitation() throws Exception {
    int port = listen(m -> {
      throw new IllegalStateException("database down");
    });
    YazIllPeer.Result r = peer.send(port, "-t", "5");
    assertEquals(YazIllPeer.OK, r.exit(), r.toString());
    assertTrue(r.summary().contains(" error=user unable-to-perform=resource-limitation "),
        r.toString());
    assertTrue(r.summary().endsWith(" note=\"temporarily unable to process; please resend\""),
        r.toString());
  }

  // --- the peer's own failure modes, so other modules can rely on its exit codes ---

  @Test
  void expectingAReplyWhenNoneComesIsATimeout() throws Exception {
    int port = listen(YazPeerTest::accept);
    YazIllPeer.Result r = peer.send(port, "--expect-reply", "-t", "0.5");
    assertEquals(YazIllPeer.CONNECTION_OR_TIMEOUT, r.exit(), r.toString());
    assertEquals("no reply", r.summary());
    assertEquals(1, awaitReceived(1).size());
  }

  @Test
  void aReplyDespiteNoReplyIsReported() throws Exception {
    int port = listen(m -> new InboundResult.Rejected(InboundResult.UNKNOWN_TRANSACTION, "x"));
    YazIllPeer.Result r = peer.send(port, "--no-reply", "-t", "5");
    assertEquals(YazIllPeer.UNEXPECTED_REPLY, r.exit(), r.toString());
    assertTrue(r.summary().startsWith("Status-Or-Error-Report "), r.toString());
  }

  @Test
  void connectionRefusedIsExit3() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    YazIllPeer.Result r = peer.send(port, "-t", "2");
    assertEquals(YazIllPeer.CONNECTION_OR_TIMEOUT, r.exit(), r.toString());
    assertTrue(r.stderr().contains("Connection refused"), r.toString());
  }

  @ParameterizedTest
  @CsvSource({
      "300302010a,   undecodable reply: ",           // well-formed BER, not an ILL APDU
      "b48201000201, undecodable reply: truncated"}) // cut short, then closed
  void anAnswerLibyazCannotDecodeIsExit2(String hex, String expected) throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      Thread fake = new Thread(() -> {
        try (Socket c = s.accept()) {
          InputStream in = c.getInputStream();
          in.read(new byte[4096]);
          OutputStream out = c.getOutputStream();
          out.write(HexFormat.of().parseHex(hex));
          out.flush();
          c.shutdownOutput(); // end of the answer; read the rest so the close sends no reset
          in.transferTo(OutputStream.nullOutputStream());
        } catch (Exception e) {
          // the assertion on the peer's output tells what went wrong
        }
      });
      fake.start();
      YazIllPeer.Result r = peer.send(s.getLocalPort(), "-t", "5");
      fake.join(5000);
      assertEquals(YazIllPeer.UNDECODABLE_REPLY, r.exit(), r.toString());
      assertTrue(r.summary().startsWith(expected), r.toString());
    }
  }

  @Test
  void badUsageIsExit1() {
    assertEquals(YazIllPeer.USAGE_OR_ENCODING, peer.run("--apdu", "bogus", "-o",
        "target/never.ber", "-").exit());
    assertEquals(YazIllPeer.USAGE_OR_ENCODING, peer.run("--apdu", "message", "-o",
        "target/never.ber", "-").exit()); // a Message needs a note
    assertEquals(YazIllPeer.USAGE_OR_ENCODING, peer.run("-D", "no-equals", "h:1").exit());
  }
}
