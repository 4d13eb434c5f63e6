package org.illbridge.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.illbridge.api.model.AgencyId;
import org.illbridge.iso18626.Action;
import org.illbridge.iso18626.AgencyIdentifier;
import org.illbridge.iso18626.BibliographicInfo;
import org.illbridge.iso18626.Header;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.iso18626.Iso18626CodecException;
import org.illbridge.iso18626.Iso18626Message;
import org.illbridge.iso18626.Iso18626Version;
import org.illbridge.iso18626.MessageStatus;
import org.illbridge.iso18626.ReasonForMessage;
import org.illbridge.iso18626.Request;
import org.illbridge.iso18626.RequestConfirmation;
import org.illbridge.iso18626.RequestingAgencyMessage;
import org.illbridge.iso18626.RequestingAgencyMessageConfirmation;
import org.illbridge.iso18626.SchemeValue;
import org.illbridge.iso18626.Status;
import org.illbridge.iso18626.SupplyingAgencyMessage;
import org.illbridge.simulator.internal.Journal.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ISO 18626 supplier driven over loopback HTTP with the real codec. */
@Timeout(30)
class Iso18626SupplierTest {
  private static final long WAIT = 3000;
  private static final Iso18626Codec CODEC =
      new Iso18626Codec(Iso18626Codec.Options.strictDefaults());
  private static final AgencyIdentifier REQUESTER =
      new AgencyIdentifier(new SchemeValue("ISIL", null), "CA-BVAS");
  private static final AgencyIdentifier SUPPLIER =
      new AgencyIdentifier(new SchemeValue("ISIL", null), "CA-ABC");

  private TestBridge bridge;
  private Iso18626Supplier supplier;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeEach
  void setUp() throws Exception {
    bridge = new TestBridge();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (supplier != null) {
      supplier.close();
    }
    bridge.close();
  }

  private void start(Behaviour behaviour) throws Exception {
    start(PartnerKind.ISO18626, behaviour);
  }

  private void start(PartnerKind kind, Behaviour behaviour) throws Exception {
    supplier = new Iso18626Supplier(new PartnerSettings(AgencyId.parse("ISIL:CA-ABC"),
        kind, null, 0, null, bridge.httpUri(), List.of("X-ILL-Secret: s3cret"),
        behaviour, null));
    supplier.start();
  }

  private static Header header(String id) {
    return new Header(SUPPLIER, REQUESTER, null, null, OffsetDateTime.parse("2024-03-01T10:15:30Z"),
        id, null, null);
  }

  private static Request request(String id) {
    return new Request(header(id), new BibliographicInfo(null, "Hamlet", "Shakespeare", null, null,
        null, null, null, null, null, null, null, null, null, null, null, null), null, null, null,
        null, null, null, null);
  }

  private Iso18626Message post(Iso18626Message m) throws Exception {
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + supplier.port() + "/iso18626"))
        .timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofByteArray(CODEC.write(m, Iso18626Version.V2017)))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    return CODEC.read(r.body()).message();
  }

  private SupplyingAgencyMessage nextSam() throws Exception {
    byte[] body = bridge.nextXml(WAIT);
    assertNotNull(body, "the supplier sent nothing in time");
    return assertInstanceOf(SupplyingAgencyMessage.class, CODEC.read(body).message());
  }

  @Test
  void willSupplyThenLoanedThenLoanCompleted() throws Exception {
    start(Behaviour.reliable(3).withDelay(30));
    RequestConfirmation c = assertInstanceOf(RequestConfirmation.class, post(request("T-1")));
    assertEquals(MessageStatus.OK, c.confirmationHeader().messageStatus());
    assertEquals("T-1", c.confirmationHeader().requestingAgencyRequestId());

    SupplyingAgencyMessage will = nextSam();
    assertEquals(ReasonForMessage.REQUEST_RESPONSE, will.messageInfo().reasonForMessage());
    assertEquals(Status.WILL_SUPPLY, will.statusInfo().status());
    assertEquals("T-1", will.header().requestingAgencyRequestId());
    SupplyingAgencyMessage loaned = nextSam();
    assertEquals(Status.LOANED, loaned.statusInfo().status());
    assertNotNull(loaned.statusInfo().dueDate());
    assertEquals(will.header().supplyingAgencyRequestId(),
        loaned.header().supplyingAgencyRequestId());

    RequestingAgencyMessageConfirmation rc = assertInstanceOf(
        RequestingAgencyMessageConfirmation.class,
        post(new RequestingAgencyMessage(header("T-1"), Action.RECEIVED, null)));
    assertEquals(MessageStatus.OK, rc.confirmationHeader().messageStatus());
    post(new RequestingAgencyMessage(header("T-1"), Action.SHIPPED_RETURN, null));
    SupplyingAgencyMessage completed = nextSam();
    assertEquals(ReasonForMessage.STATUS_CHANGE, completed.messageInfo().reasonForMessage());
    assertEquals(Status.LOAN_COMPLETED, completed.statusInfo().status());
    assertNull(bridge.nextXml(300));
  }

  @Test
  void almaAnswersLoanedWithoutWillSupplyThenLoanCompleted() throws Exception {
    start(PartnerKind.ALMA_ISO18626, Behaviour.reliable(3).withDelay(30));
    assertInstanceOf(RequestConfirmation.class, post(request("T-A")));
    SupplyingAgencyMessage loaned = nextSam();
    assertEquals(ReasonForMessage.REQUEST_RESPONSE, loaned.messageInfo().reasonForMessage());
    assertEquals(Status.LOANED, loaned.statusInfo().status(), "no Will-Supply first");
    assertNotNull(loaned.statusInfo().dueDate());
    post(new RequestingAgencyMessage(header("T-A"), Action.RECEIVED, null));
    post(new RequestingAgencyMessage(header("T-A"), Action.SHIPPED_RETURN, null));
    SupplyingAgencyMessage completed = nextSam();
    assertEquals(Status.LOAN_COMPLETED, completed.statusInfo().status());
    assertNull(bridge.nextXml(300));
  }

  @Test
  void anIso10161KindIsNotAnIso18626Supplier() {
    assertThrows(IllegalArgumentException.class, () -> new Iso18626Supplier(new PartnerSettings(
        AgencyId.parse("ISIL:CA-ABC"), PartnerKind.ALMA_HTTP, null, 0, null, bridge.httpUri(),
        List.of(), Behaviour.reliable(3), null)));
  }

  @Test
  void unfilledWithAReason() throws Exception {
    start(Behaviour.reliable(3).withFillRate(0));
    post(request("T-2"));
    SupplyingAgencyMessage sam = nextSam();
    assertEquals(Status.UNFILLED, sam.statusInfo().status());
    assertNotNull(sam.messageInfo().reasonUnfilled());
  }

  @Test
  void unknownTransactionIsConfirmedWithAnError() throws Exception {
    start(Behaviour.reliable(3));
    RequestingAgencyMessageConfirmation rc = assertInstanceOf(
        RequestingAgencyMessageConfirmation.class,
        post(new RequestingAgencyMessage(header("NOPE"), Action.RECEIVED, null)));
    assertEquals(MessageStatus.ERROR, rc.confirmationHeader().messageStatus());
  }

  @Test
  void cancelBeforeSupplyIsAccepted() throws Exception {
    start(Behaviour.reliable(3).withDelay(2000));
    post(request("T-3"));
    post(new RequestingAgencyMessage(header("T-3"), Action.CANCEL, null));
    supplier.journal().await(e -> e.what().equals("Cancel"), Duration.ofMillis(WAIT));
    // the cancel's answer comes after the delay; the will-supply that was due is not sent
    SupplyingAgencyMessage sam = nextSam();
    assertEquals(ReasonForMessage.CANCEL_RESPONSE, sam.messageInfo().reasonForMessage());
    assertEquals(Status.CANCELLED, sam.statusInfo().status());
    assertNull(bridge.nextXml(500));
  }

  @Test
  void malformedMessagesAreRejectedByTheCodec() throws Exception {
    start(Behaviour.reliable(3).withMalformedRate(1));
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + supplier.port() + "/iso18626"))
        .timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofByteArray(CODEC.write(request("T-4"),
            Iso18626Version.V2017))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThrows(Iso18626CodecException.class, () -> CODEC.read(r.body()),
        "the confirmation is garbled too");
    byte[] body = bridge.nextXml(WAIT);
    assertNotNull(body);
    assertThrows(Iso18626CodecException.class, () -> CODEC.read(body));
  }

  @Test
  void downMeansServiceUnavailable() throws Exception {
    start(Behaviour.reliable(3).withDownPeriods(DownPeriods.parse(new String[] {"0-60000"})));
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + supplier.port() + "/iso18626"))
        .timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofByteArray(CODEC.write(request("T-5"),
            Iso18626Version.V2017))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(503, r.statusCode());
    assertEquals(0, supplier.journal().find(e -> e.outcome() == Outcome.RECEIVED).size());
  }

  @Test
  void theWireObserverSeesEachMessageFromTheBridgeBeforeItIsHandledAndEachAnswerAsSent()
      throws Exception {
    start(Behaviour.reliable(3).withDelay(30));
    List<String> seen = new CopyOnWriteArrayList<>();
    List<byte[]> sent = new CopyOnWriteArrayList<>();
    long before = System.nanoTime();
    supplier.observe(new WireObserver() {
      @Override
      public void fromBridge(byte[] message, long nanos) {
        // not yet handled: the journal has no entry for it
        seen.add(new String(message, java.nio.charset.StandardCharsets.UTF_8) + "|handled="
            + !supplier.journal().entries().isEmpty() + "|inTime=" + (nanos >= before));
      }

      @Override
      public void toBridge(byte[] message, long nanos) {
        sent.add(message);
        throw new IllegalStateException("an observer's failure must not stop the partner");
      }
    });
    byte[] posted = CODEC.write(request("T-O"), Iso18626Version.V2017);
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + supplier.port() + "/iso18626"))
        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofByteArray(posted)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertEquals(List.of(new String(posted, java.nio.charset.StandardCharsets.UTF_8)
        + "|handled=false|inTime=true"), seen);
    byte[] will = bridge.nextXml(WAIT);
    byte[] loaned = bridge.nextXml(WAIT);
    assertNotNull(loaned, "the observer's exception stopped nothing");
    assertEquals(2, sent.size());
    assertEquals(Arrays.toString(will), Arrays.toString(sent.get(0)), "the bytes as sent");
    assertEquals(Arrays.toString(loaned), Arrays.toString(sent.get(1)));
  }

  @Test
  void aConfirmationWithAnErrorFromTheBridgeIsJournalledAsRefused() throws Exception {
    bridge.confirmWith = MessageStatus.ERROR;
    start(Behaviour.reliable(3).withDelay(10));
    post(request("T-E"));
    assertNotNull(supplier.journal().await(e -> e.outcome() == Outcome.REFUSED
        && e.txKey().endsWith("/T-E") && e.detail().startsWith("bridge confirmed with an error"),
        Duration.ofMillis(WAIT)));
    bridge.confirmWith = MessageStatus.OK;
    post(request("T-F"));
    // Loaned is scheduled by the task that sent WillSupply after it handled the bridge's answer
    assertNotNull(supplier.journal().await(e -> e.outcome() == Outcome.SENT
        && e.txKey().endsWith("/T-F") && e.what().equals(Status.LOANED.code()), Duration.ofMillis(WAIT)));
    assertEquals(0, supplier.journal().find(e -> e.txKey() != null && e.txKey().endsWith("/T-F")
        && e.what().equals(Status.WILL_SUPPLY.code())
        && e.outcome() == Outcome.REFUSED).size(), "an OK confirmation is not a refusal");
  }
}
