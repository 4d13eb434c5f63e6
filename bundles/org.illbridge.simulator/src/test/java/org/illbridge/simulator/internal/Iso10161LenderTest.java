package org.illbridge.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.illbridge.api.model.AgencyId;
import org.illbridge.iso10161.ApduDeliveryInfo;
import org.illbridge.iso10161.ApduType;
import org.illbridge.iso10161.CheckedIn;
import org.illbridge.iso10161.CurrentState;
import org.illbridge.iso10161.IllAnswer;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.IllCodecException;
import org.illbridge.iso10161.IllServiceType;
import org.illbridge.iso10161.ReasonCode;
import org.illbridge.iso10161.Received;
import org.illbridge.iso10161.Returned;
import org.illbridge.iso10161.Shipped;
import org.illbridge.iso10161.StatusOrErrorReport;
import org.illbridge.iso10161.StatusQuery;
import org.illbridge.iso10161.SystemId;
import org.illbridge.iso10161.TransactionResults;
import org.illbridge.iso10161.UnfilledResults;
import org.illbridge.simulator.internal.Journal.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each simulated ISO 10161 lender driven over loopback sockets with the real codec. */
@Timeout(30)
class Iso10161LenderTest {
  private static final long WAIT = 3000;
  /** Long enough to be sure nothing more is coming from a partner that answers at once. */
  private static final long QUIET = 600;

  private TestBridge bridge;
  private final List<SimulatedPartner> partners = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    bridge = new TestBridge();
  }

  @AfterEach
  void tearDown() throws Exception {
    partners.forEach(SimulatedPartner::close);
    bridge.close();
  }

  private Iso10161Lender lender(PartnerKind kind, String symbol, Behaviour behaviour)
      throws Exception {
    return lender(kind, symbol, behaviour, bridge.tcpUri());
  }

  private Iso10161Lender lender(PartnerKind kind, String symbol, Behaviour behaviour, URI answerTo)
      throws Exception {
    Iso10161Lender l = new Iso10161Lender(new PartnerSettings(AgencyId.parse(symbol), kind, null, 0,
        null, answerTo, null, behaviour, null));
    partners.add(l);
    l.start();
    return l;
  }

  private IllApdu next() throws Exception {
    byte[] raw = bridge.nextApdu(WAIT);
    assertNotNull(raw, "the simulator sent nothing in time");
    return Requests.CODEC.decode(raw);
  }

  @Test
  void relaisNeverShipsAndIgnoresARequestNumberSeenBefore() throws Exception {
    Iso10161Lender relais = lender(PartnerKind.RELAIS, "BVAU", Behaviour.reliable(1));
    Requests.send(relais.port(), Requests.complete("R-1", "BVAU"));
    assertNotNull(relais.journal().await(e -> e.what().equals("SHIPPED"), Duration.ofMillis(WAIT)));
    assertNull(bridge.nextApdu(QUIET), "Relais must not send anything for a filled request");

    Requests.send(relais.port(), Requests.complete("R-1", "BVAU"));
    assertNotNull(relais.journal().await(e -> e.outcome() == Outcome.IGNORED
        && e.what().equals("ILL_REQUEST"), Duration.ofMillis(WAIT)));
    assertNull(bridge.nextApdu(QUIET));
  }

  @Test
  void relaisAnswersUnfilledOnceAndIgnoresTheRepeat() throws Exception {
    Iso10161Lender relais = lender(PartnerKind.RELAIS, "BVAU", Behaviour.reliable(1).withFillRate(0));
    Requests.send(relais.port(), Requests.complete("R-2", "BVAU"));
    IllAnswer answer = assertInstanceOf(IllAnswer.class, next());
    assertEquals(TransactionResults.UNFILLED, answer.transactionResults());
    assertEquals("R-2", answer.header().transactionId().qualifier().value());
    assertEquals("BVAU", answer.header().responderId().symbol().value().value());

    Requests.send(relais.port(), Requests.complete("R-2", "BVAU"));
    assertNotNull(relais.journal().await(e -> e.outcome() == Outcome.IGNORED,
        Duration.ofMillis(WAIT)));
    assertNull(bridge.nextApdu(QUIET), "a request number seen before gets no answer");
  }

  @Test
  void vdxSendsWillSupplyThenShippedAndChecksInAfterReturned() throws Exception {
    Iso10161Lender vdx = lender(PartnerKind.VDX, "BRCZ", Behaviour.reliable(1).withDelay(50));
    Requests.send(vdx.port(), Requests.complete("V-1", "BRCZ"));
    IllAnswer will = assertInstanceOf(IllAnswer.class, next());
    assertEquals(TransactionResults.WILL_SUPPLY, will.transactionResults());
    Shipped shipped = assertInstanceOf(Shipped.class, next());
    assertEquals(IllServiceType.LOAN, shipped.shippedServiceType());
    assertNotNull(shipped.supplyDetails().dateDue());

    Requests.send(vdx.port(), new Received(Requests.header("V-1", "BRCZ"),
        SystemId.institution("BRCZ"), null, "20240320", IllServiceType.LOAN, null, null));
    Requests.send(vdx.port(), new StatusQuery(Requests.header("V-1", "BRCZ"), null, null));
    StatusOrErrorReport report = assertInstanceOf(StatusOrErrorReport.class, next());
    assertEquals(CurrentState.RECEIVED, report.statusReport().providerStatusReport());

    Requests.send(vdx.port(), new Returned(Requests.header("V-1", "BRCZ"), null, "20240410",
        null, null, null, null));
    CheckedIn in = assertInstanceOf(CheckedIn.class, next());
    assertEquals("V-1", in.header().transactionId().qualifier().value());
    assertNull(bridge.nextApdu(QUIET));
  }

  @Test
  void vdxChecksInWhenReceivedArrivesAfterReturned() throws Exception {
    Iso10161Lender vdx = lender(PartnerKind.VDX, "BRCZ", Behaviour.reliable(1).withDelay(50));
    Requests.send(vdx.port(), Requests.complete("V-3", "BRCZ"));
    assertInstanceOf(IllAnswer.class, next());
    assertInstanceOf(Shipped.class, next());

    // The two APDUs overtook each other on their way (one connection each).
    Requests.send(vdx.port(), new Returned(Requests.header("V-3", "BRCZ"), null, "20240410",
        null, null, null, null));
    Requests.send(vdx.port(), new Received(Requests.header("V-3", "BRCZ"),
        SystemId.institution("BRCZ"), null, "20240320", IllServiceType.LOAN, null, null));
    CheckedIn in = assertInstanceOf(CheckedIn.class, next());
    assertEquals("V-3", in.header().transactionId().qualifier().value());
    Requests.send(vdx.port(), new StatusQuery(Requests.header("V-3", "BRCZ"), null, null));
    StatusOrErrorReport report = assertInstanceOf(StatusOrErrorReport.class, next());
    assertEquals(CurrentState.CHECKED_IN, report.statusReport().providerStatusReport());
  }

  @Test
  void vdxAnswersUnfilledAndARepeatedRequestGetsTheSameAnswerAgain() throws Exception {
    Iso10161Lender vdx = lender(PartnerKind.VDX, "BRCZ", Behaviour.reliable(1).withFillRate(0));
    Requests.send(vdx.port(), Requests.complete("V-2", "BRCZ"));
    IllAnswer first = assertInstanceOf(IllAnswer.class, next());
    assertEquals(TransactionResults.UNFILLED, first.transactionResults());
    Requests.send(vdx.port(), Requests.complete("V-2", "BRCZ"));
    IllAnswer again = assertInstanceOf(IllAnswer.class, next());
    assertEquals(TransactionResults.UNFILLED, again.transactionResults());
  }

  @Test
  void statusQueryForAnUnknownRequestSaysUnknown() throws Exception {
    Iso10161Lender vdx = lender(PartnerKind.VDX, "BRCZ", Behaviour.reliable(1));
    Requests.send(vdx.port(), new StatusQuery(Requests.header("NOPE", "BRCZ"), null, null));
    StatusOrErrorReport report = assertInstanceOf(StatusOrErrorReport.class, next());
    assertEquals(CurrentState.UNKNOWN, report.statusReport().providerStatusReport());
  }

  @Test
  void almaShipsWithApduDeliveryInfoOnEverythingItSends() throws Exception {
    Iso10161Lender alma = lender(PartnerKind.ALMA_TCP, "ISIL:CA-BVAU", Behaviour.reliable(1));
    Requests.send(alma.port(), Requests.complete("A-1", "CA-BVAU"));
    Shipped shipped = assertInstanceOf(Shipped.class, next(), "Alma goes straight to Shipped");
    assertDeliveryInfo(shipped, "CA-BVAU");
    Requests.send(alma.port(), new Returned(Requests.header("A-1", "CA-BVAU"), null, "20240410",
        null, null, null, null));
    assertDeliveryInfo(assertInstanceOf(CheckedIn.class, next()), "CA-BVAU");
  }

  @Test
  void almaOverHttpTakesBerPostsAndAnswersOverTcp() throws Exception {
    Iso10161Lender alma = lender(PartnerKind.ALMA_HTTP, "ISIL:CA-BVAU",
        Behaviour.reliable(1).withFillRate(0));
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI uri = URI.create("http://127.0.0.1:" + alma.port() + "/view/iso-ill");
    HttpResponse<Void> ok = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofByteArray(Requests.CODEC.encode(
            Requests.complete("A-2", "CA-BVAU")))).build(), HttpResponse.BodyHandlers.discarding());
    assertEquals(200, ok.statusCode());
    IllAnswer unfilled = assertInstanceOf(IllAnswer.class, next());
    assertEquals(TransactionResults.UNFILLED, unfilled.transactionResults());
    assertDeliveryInfo(unfilled, "CA-BVAU");

    HttpResponse<Void> bad = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x30, 0x03, 1, 2, 3})).build(),
        HttpResponse.BodyHandlers.discarding());
    assertEquals(400, bad.statusCode());
  }

  private static void assertDeliveryInfo(IllApdu apdu, String own) {
    assertEquals(1, apdu.extensions().size(), "one extension: APDU-Delivery-Info");
    ApduDeliveryInfo info = assertInstanceOf(ApduDeliveryInfo.class, apdu.extensions().get(0).item());
    assertEquals(own, info.senderInfo().get(0).aliases().get(0).symbol().value().value());
    assertEquals(Requests.REQUESTER,
        info.recipientInfo().get(0).aliases().get(0).symbol().value().value());
  }

  @Test
  void oclcRefusesARequestMissingItsRequiredFields() throws Exception {
    Iso10161Lender oclc = lender(PartnerKind.OCLC, "OCLC", Behaviour.reliable(1));
    Requests.send(oclc.port(), Requests.titleOnly("O-1", "OCLC"));
    IllAnswer answer = assertInstanceOf(IllAnswer.class, next());
    assertEquals(TransactionResults.UNFILLED, answer.transactionResults());
    assertEquals(ReasonCode.NOT_FOUND_AS_CITED,
        assertInstanceOf(UnfilledResults.class, answer.resultsExplanation()).reasonUnfilled());
    String note = answer.responderNote().value();
    assertTrue(note.contains("verification source") && note.contains("ship to")
        && note.contains("service level"), note);
    assertFalse(note.contains("title,"), note);
  }

  @Test
  void oclcShipsACompleteRequestWithoutWillSupply() throws Exception {
    Iso10161Lender oclc = lender(PartnerKind.OCLC, "OCLC", Behaviour.reliable(1).withDelay(20));
    Requests.send(oclc.port(), Requests.complete("O-2", "OCLC"));
    IllApdu first = next();
    assertEquals(ApduType.SHIPPED, first.type(), "OCLC never sends Will-Supply");
    assertNull(bridge.nextApdu(QUIET));
  }

  @Test
  void lostMessagesAreNotSent() throws Exception {
    Iso10161Lender vdx = lender(PartnerKind.VDX, "BRCZ", Behaviour.reliable(1).withLostRate(1));
    Requests.send(vdx.port(), Requests.complete("L-1", "BRCZ"));
    assertNotNull(vdx.journal().await(e -> e.what().equals("SHIPPED") && e.outcome() == Outcome.LOST,
        Duration.ofMillis(WAIT)));
    assertNull(bridge.nextApdu(QUIET));
  }

  @Test
  void aNamedLostMessageIsTheOnlyOneLostAndTheStatusReportStillSaysShipped() throws Exception {
    Iso10161Lender vdx = lender(PartnerKind.VDX, "BRCZ",
        Behaviour.reliable(1).withDelay(20).withLostMessages(java.util.Set.of("shipped")));
    Requests.send(vdx.port(), Requests.complete("LS-1", "BRCZ"));
    IllAnswer will = assertInstanceOf(IllAnswer.class, next());
    assertEquals(TransactionResults.WILL_SUPPLY, will.transactionResults());
    assertNotNull(vdx.journal().await(e -> e.what().equals("SHIPPED") && e.outcome() == Outcome.LOST,
        Duration.ofMillis(WAIT)));
    assertNull(bridge.nextApdu(QUIET), "the Shipped never arrives");
    // the bridge's status query after days-to-respond: the lender says it has shipped
    Requests.send(vdx.port(), new StatusQuery(Requests.header("LS-1", "BRCZ"), null, null));
    StatusOrErrorReport report = assertInstanceOf(StatusOrErrorReport.class, next());
    assertEquals(CurrentState.SHIPPED, report.statusReport().providerStatusReport());
  }

  @Test
  void malformedRepliesAreFramedButUndecodable() throws Exception {
    Iso10161Lender vdx = lender(PartnerKind.VDX, "BRCZ", Behaviour.reliable(1).withMalformedRate(1));
    Requests.send(vdx.port(), Requests.complete("M-1", "BRCZ"));
    for (int i = 0; i < 2; i++) {
      byte[] raw = bridge.nextApdu(WAIT);
      assertNotNull(raw);
      assertEquals(raw.length, Requests.CODEC.frameLength(raw, raw.length),
          "still exactly one BER value on the stream");
      assertThrows(IllCodecException.class, () -> Requests.CODEC.decode(raw));
    }
    assertNotNull(vdx.journal().await(e -> e.what().equals("SHIPPED")
        && e.outcome() == Outcome.MALFORMED, Duration.ofMillis(WAIT)));
    assertEquals(2, vdx.journal().find(e -> e.outcome() == Outcome.MALFORMED).size());
  }

  @Test
  void garbageFromTheBridgeIsJournalledAndTheConnectionClosed() throws Exception {
    Iso10161Lender vdx = lender(PartnerKind.VDX, "BRCZ", Behaviour.reliable(1));
    Requests.sendRaw(vdx.port(), new byte[] {0x61, 0x03, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
    assertNotNull(vdx.journal().await(e -> e.outcome() == Outcome.UNREADABLE,
        Duration.ofMillis(WAIT)));
    assertNull(bridge.nextApdu(QUIET));
  }

  @Test
  void downPeriodRefusesConnectionsAndDefersAnswers() throws Exception {
    Behaviour b = Behaviour.reliable(1).withDelay(0)
        .withDownPeriods(DownPeriods.parse(new String[] {"400-1400"}));
    Iso10161Lender vdx = lender(PartnerKind.VDX, "BRCZ", b);
    int port = vdx.port();
    Requests.send(port, Requests.complete("D-1", "BRCZ"));
    assertNotNull(bridge.nextApdu(WAIT));
    assertNotNull(bridge.nextApdu(WAIT));
    // into the down period
    while (!vdx.isDown()) {
      Thread.sleep(20);
    }
    Thread.sleep(100);
    assertThrows(ConnectException.class, () -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      }
    });
    // up again on the same port
    while (vdx.isDown()) {
      Thread.sleep(20);
    }
    Requests.send(port, new Returned(Requests.header("D-1", "BRCZ"), null, "20240410", null, null,
        null, null));
    assertInstanceOf(CheckedIn.class, next());
  }

  @Test
  void sameSeedSameOutcomesDifferentSeedDifferentOutcomes() throws Exception {
    List<String> a = outcomes(7);
    List<String> b = outcomes(7);
    List<String> c = outcomes(8);
    assertEquals(a, b);
    assertFalse(a.equals(c), "another seed must change some outcome");
    assertTrue(a.contains("ILL_ANSWER_UNFILLED") && a.contains("SHIPPED"),
        "fill rate 0.5 fills some and not others: " + a);
  }

  /** Per request, what the lender sent (or "-" when lost), in request order. */
  private List<String> outcomes(long seed) throws Exception {
    Iso10161Lender l = lender(PartnerKind.OCLC, "OCLC",
        new Behaviour(0.5, 0, 0.2, 0, DownPeriods.NONE, seed));
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Requests.send(l.port(), Requests.complete("S-" + i, "OCLC"));
      keys.add(Requests.REQUESTER + "/G/S-" + i);
    }
    List<String> out = new ArrayList<>();
    for (String key : keys) {
      Journal.Entry e = l.journal().await(x -> x.txKey().equals(key)
          && (x.outcome() == Outcome.SENT || x.outcome() == Outcome.LOST), Duration.ofMillis(WAIT));
      assertNotNull(e, "no answer for " + key);
      out.add(e.outcome() == Outcome.LOST ? "-" : e.what());
    }
    l.close();
    return out;
  }

  @Test
  void theWireObserverSeesEachApduFromTheBridgeBeforeItIsHandledAndEachAnswerAsSent()
      throws Exception {
    Iso10161Lender vdx = new Iso10161Lender(new PartnerSettings(AgencyId.parse("BRCZ"),
        PartnerKind.VDX, null, 0, null, bridge.tcpUri(), null, Behaviour.reliable(1).withDelay(20),
        null));
    partners.add(vdx);
    java.util.List<String> from = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.List<byte[]> to = new java.util.concurrent.CopyOnWriteArrayList<>();
    vdx.observe(new WireObserver() {
      @Override
      public void fromBridge(byte[] message, long nanos) {
        from.add(java.util.Arrays.toString(message) + " journal " + vdx.journal().entries().size());
      }

      @Override
      public void toBridge(byte[] message, long nanos) {
        to.add(message);
      }
    });
    vdx.start();
    byte[] request = Requests.CODEC.encode(Requests.complete("V-O", "BRCZ"));
    Requests.sendRaw(vdx.port(), request);
    byte[] will = bridge.nextApdu(WAIT);
    byte[] shipped = bridge.nextApdu(WAIT);
    assertNotNull(shipped);
    assertEquals(java.util.List.of(java.util.Arrays.toString(request) + " journal 0"), from,
        "seen once, before the lender journalled (handled) it");
    assertEquals(2, to.size());
    assertEquals(java.util.Arrays.toString(will), java.util.Arrays.toString(to.get(0)));
    assertEquals(java.util.Arrays.toString(shipped), java.util.Arrays.toString(to.get(1)));
  }
}
