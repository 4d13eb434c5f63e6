package org.illbridge.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.dialect.OutboundDecision;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.Endpoint;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.DeliveryOutcome;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.MessageRecord;
import org.illbridge.api.store.OutboxStatus;
import org.illbridge.api.store.StoreException;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.transport.InboundResult;
import org.junit.jupiter.api.Test;

class InboundAndRoutingTest {

  private final Harness h = new Harness();

  @Test
  void theRequestingLibrarysBlockedLendersAreSkippedWhileOtherLibrariesMayStillAskThem() {
    h.lender("bvau");
    h.lender("bviv");
    h.save(h.directory.get("home").orElseThrow().partner().withBlockedLenders(List.of("bvau")));

    String key = Harness.key(h.homeRequest("ILLUME-B1", "bvau", "bviv"));
    TransactionRecord tx = h.tx(key);
    assertEquals("bviv", tx.supplier().partnerKey(), "bvau is on home's blocked lenders list");
    assertEquals(1, tx.lenderPosition());
    assertTrue(h.store.audit(key, "bvau", 10, null).items().stream().anyMatch(a -> a.action().equals("rota.skip")
        && a.detail().contains("blocked lenders list of home")), "the skip is audited with its reason");
    h.store.drain(h.delivery);
    assertTrue(h.sentTo("bvau.example").isEmpty());
    assertEquals(1, h.sentTo("bviv.example").size());

    // the list belongs to the requesting library: with it emptied, bvau is asked again
    h.save(h.directory.get("home").orElseThrow().partner().withBlockedLenders(List.of()));
    TransactionRecord next = h.tx(Harness.key(h.homeRequest("ILLUME-B2", "bvau", "bviv")));
    assertEquals("bvau", next.supplier().partnerKey());
  }

  @Test
  void equalCandidatesAreAskedLeastLoadedFirst() {
    h.lender("bvau");
    h.lender("bviv");
    h.lender("bvas");
    // bvau was asked twice recently, bviv once, bvas never
    h.homeRequest("ILLUME-L1", "bvau");
    h.homeRequest("ILLUME-L2", "bvau");
    h.homeRequest("ILLUME-L3", "bviv");

    String key = Harness.key(h.homeRequest("ILLUME-L4", "bvau|bviv|bvas", "bvau"));
    assertEquals(List.of("bvas", "bviv", "bvau"), h.tx(key).lenders(),
        "the group is ordered by recent load; a key repeated after the group counts once");
    assertEquals("bvas", h.tx(key).supplier().partnerKey());

    // equal load keeps the listed order; lenders outside a group keep their place
    String next = Harness.key(h.homeRequest("ILLUME-L5", "bvau", "bvas|bviv"));
    assertEquals(List.of("bvau", "bvas", "bviv"), h.tx(next).lenders());
  }

  @Test
  void loadLevellingOffKeepsTheListedOrder() {
    Harness off = new Harness(EngineSettings.defaults().withLoadLevellingDays(0));
    off.lender("bvau");
    off.lender("bviv");
    off.homeRequest("ILLUME-O1", "bvau");
    String key = Harness.key(off.homeRequest("ILLUME-O2", "bvau|bviv"));
    assertEquals(List.of("bvau", "bviv"), off.tx(key).lenders());
  }

  @Test
  void homeRequestGoesToTheFirstLenderThatIsNotBlockedWithAFreshId() {
    h.lender("bvas");
    h.save(withBlocked(h.lender("bvau"), true));
    h.lender("bviv");

    InboundResult result = h.homeRequest("ILLUME-1", "bvau", "nobody", "bviv", "bvas");

    String key = Harness.key(result);
    TransactionRecord tx = h.tx(key);
    assertEquals(TransactionState.REQUESTED, tx.state());
    assertEquals("bviv", tx.supplier().partnerKey());
    assertEquals(2, tx.lenderPosition());
    assertEquals(key + "-3", tx.supplier().requesterTxId());
    assertEquals("ILLUME-1", tx.requester().requesterTxId());
    assertEquals("Moby Dick / Melville", tx.itemSummary());
    assertEquals("Ishmael", h.store.patron(key).orElseThrow().name());
    assertTrue(h.store.auditActions(key).contains("rota.skip"));
    assertEquals(1, h.store.timers(key).size(), "days-to-respond started");

    h.store.drain(h.delivery);
    List<IllMessage> sent = h.sentTo("bviv.example");
    assertEquals(1, sent.size());
    IllMessage request = sent.get(0);
    assertEquals(MessageType.REQUEST, request.type());
    assertEquals(key + "-3", request.requesterTransactionId());
    assertEquals(AgencyId.parse("ISIL:CA-HOME"), request.sender());
    assertEquals(AgencyId.parse("NUC:BVIV"), request.recipient());
    assertEquals("Moby Dick", request.item().title());
    assertEquals("P-1", request.patron().id());
    assertFalse(request.attributes().containsKey(Router.ATTR_LENDERS), "the rota stays inside the bridge");
    assertTrue(h.sentTo("bvau.example").isEmpty());
    assertTrue(h.store.messages(key).stream().anyMatch(m -> m.direction() == Direction.OUTBOUND
        && "sent".equals(m.result()) && m.messageType() == MessageType.REQUEST));
  }

  @Test
  void unknownSenderIsRejectedAndLogged() {
    IllMessage shipped = IllMessage.builder(MessageType.SHIPPED).requesterTransactionId("X-1")
        .sender(AgencyId.parse("NUC:NOBODY")).build();
    InboundResult result = h.receive(Protocol.ISO10161, shipped);
    InboundResult.Rejected rejected = assertInstanceOf(InboundResult.Rejected.class, result);
    assertEquals(InboundResult.UNKNOWN_AGENCY, rejected.reason());
    assertTrue(rejected.detail().contains("NUC:NOBODY"));
  }

  @Test
  void requestFromAnUnknownRequesterWaitsForReviewAndIsRoutedWhenAccepted() {
    IllMessage request = unknownRequest("OCLC-77", "OCLC:XYZ");
    String key = Harness.key(h.receive(Protocol.ISO10161, request));
    TransactionRecord pending = h.tx(key);
    assertEquals(TransactionState.NEW, pending.state());
    assertNull(pending.requester().partnerKey());
    assertTrue(h.store.auditActions(key).contains("review.pending"));
    assertTrue(h.store.outboxRows().isEmpty(), "nothing is sent before review");

    InboundResult again = h.receive(Protocol.ISO10161, request);
    assertEquals(new InboundResult.Accepted(key, true), again);

    h.partner("xyz", "OCLC:XYZ", Protocol.ISO10161, "standard", 7, "tcp://xyz.example:499");
    assertTrue(h.actions.acceptReview(key, "xyz", "admin"));
    assertEquals("xyz", h.tx(key).requester().partnerKey());
    assertEquals("home", h.tx(key).supplier().partnerKey());
    h.store.drain(h.delivery);
    IllMessage toHome = h.sentTo("home.example").get(0);
    assertEquals(MessageType.REQUEST, toHome.type());
    assertEquals("Walden", toHome.item().title(), "rebuilt from the logged original");
    assertFalse(h.actions.acceptReview(key, "xyz", "admin"), "only once");
  }

  @Test
  void aRejectedReviewSendsTheRequesterAProperRefusalWhenItHasAPartnerEntry() {
    IllMessage request = unknownRequest("OCLC-78", "OCLC:XYZ");
    String key = Harness.key(h.receive(Protocol.ISO10161, request));
    h.partner("xyz", "OCLC:XYZ", Protocol.ISO10161, "standard", 7, "tcp://xyz.example:499");

    assertThrows(IllegalArgumentException.class, () -> h.actions.rejectReview(key, "no", "nobody", "admin"));
    assertEquals(TransactionState.NEW, h.tx(key).state(), "an unknown partner changes nothing");

    assertTrue(h.actions.rejectReview(key, "We do not lend to this library", "xyz", "admin"));
    TransactionRecord rejected = h.tx(key);
    assertEquals(TransactionState.UNFILLED, rejected.state());
    assertEquals("xyz", rejected.requester().partnerKey());
    h.store.drain(h.delivery);
    List<IllMessage> sent = h.sentTo("xyz.example");
    assertEquals(1, sent.size());
    IllMessage refusal = sent.get(0);
    assertEquals(MessageType.UNFILLED, refusal.type());
    assertEquals(StaffActions.REASON_REFUSED, refusal.reason());
    assertEquals("OCLC-78", refusal.requesterTransactionId(), "the requester's own transaction id");
    assertEquals(AgencyId.parse("ISIL:CA-HOME"), refusal.sender(), "from the library it asked");
    assertEquals("We do not lend to this library", refusal.note());
    assertTrue(h.sentTo("home.example").isEmpty());
    assertFalse(h.actions.rejectReview(key, null, "xyz", "admin"), "only once");
  }

  @Test
  void aRejectedReviewWithoutAPartnerEntryEndsUnfilledAndSendsNothing() {
    IllMessage request = unknownRequest("OCLC-79", "OCLC:QQQ");
    String key = Harness.key(h.receive(Protocol.ISO10161, request));
    assertTrue(h.actions.rejectReview(key, null, "admin"));
    assertEquals(TransactionState.UNFILLED, h.tx(key).state());
    assertTrue(h.store.outboxRows().isEmpty());
  }

  @Test
  void aMessageThePartnerRefusesInItsReplyIsADeadLetterNotADelivery() {
    h.lender("bvas");
    h.transport.replies.put("bvas.example", "REFUSED UnsupportedActionType: Request".getBytes(StandardCharsets.UTF_8));
    String key = Harness.key(h.homeRequest("ILLUME-R1", "bvas"));
    List<DeliveryOutcome> outcomes = h.store.drain(h.delivery);
    assertTrue(outcomes.get(0) instanceof DeliveryOutcome.Fail fail
        && fail.reason().contains("UnsupportedActionType"), outcomes.toString());
    assertEquals(1, h.sentTo("bvas.example").size(), "it was sent once, not retried");
    MessageRecord logged = h.store.messages(key).stream()
        .filter(m -> m.direction() == Direction.OUTBOUND && m.messageType() == MessageType.REQUEST)
        .findFirst().orElseThrow();
    assertEquals("refused:refused by bvas: UnsupportedActionType: Request", logged.result());
    assertTrue(h.store.auditActions(key).contains("delivery.refused"));
    IllMessage notice = h.sentTo("home.example").get(0);
    assertEquals(MessageType.NOTE, notice.type(), "the home system is told");
  }

  @Test
  void sameMessageTwiceIsAcknowledgedButAppliedOnce() {
    h.lender("bvas");
    String key = Harness.key(h.homeRequest("ILLUME-2", "bvas"));
    h.store.drain(h.delivery);
    TransactionRecord tx = h.tx(key);
    IllMessage shipped = IllMessage.builder(MessageType.SHIPPED)
        .requesterTransactionId(tx.supplier().requesterTxId()).supplierTransactionId("R-9")
        .sender(AgencyId.parse("NUC:BVAS")).timestamp(h.clock.instant()).build();

    assertEquals(new InboundResult.Accepted(key, false), h.receive(Protocol.ISO10161, shipped));
    assertEquals(new InboundResult.Accepted(key, true), h.receive(Protocol.ISO10161, shipped));

    assertEquals(TransactionState.SHIPPED, h.tx(key).state());
    assertEquals("R-9", h.tx(key).supplier().supplierTxId());
    long forwards = h.store.outboxRows().stream().filter(r -> r.messageType() == MessageType.SHIPPED).count();
    assertEquals(1, forwards);
    assertTrue(h.store.timers(key).isEmpty(), "shipped stops the rota timers");
    h.store.drain(h.delivery);
    IllMessage toHome = h.sentTo("home.example").get(0);
    assertEquals("ILLUME-2", toHome.requesterTransactionId());
    assertEquals(key, toHome.supplierTransactionId());
    assertEquals(AgencyId.parse("NUC:BVAS"), toHome.sender());
    assertEquals(1, h.store.messages(key).stream().filter(m -> m.messageType() == MessageType.SHIPPED
        && m.direction() == Direction.INBOUND).mapToInt(MessageRecord::duplicateCount).sum());
  }

  @Test
  void messageInTheWrongStateIsRejectedButLogged() {
    h.lender("bvas");
    String key = Harness.key(h.homeRequest("ILLUME-3", "bvas"));
    InboundResult result = h.fromHome(h.tx(key), MessageType.RETURNED);
    InboundResult.Rejected rejected = assertInstanceOf(InboundResult.Rejected.class, result);
    assertEquals(InboundResult.INVALID_STATE, rejected.reason());
    assertEquals(TransactionState.REQUESTED, h.tx(key).state());
    assertTrue(h.store.messages(key).stream().anyMatch(m -> m.messageType() == MessageType.RETURNED
        && "rejected:invalid-state".equals(m.result())));
  }

  @Test
  void willSupplyOvertakenByShippedIsKeptAndPassedOnWithoutMovingTheStateBack() {
    h.lender("bvas");
    String key = Harness.key(h.homeRequest("ILLUME-5", "bvas"));
    h.store.drain(h.delivery);
    // The lender's two answers race over two connections: Shipped is processed first.
    assertEquals(new InboundResult.Accepted(key, false), h.fromLender(h.tx(key), MessageType.SHIPPED, b -> b));
    InboundResult late = h.fromLender(h.tx(key), MessageType.WILL_SUPPLY, b -> b);

    assertEquals(new InboundResult.Accepted(key, false), late);
    assertEquals(TransactionState.SHIPPED, h.tx(key).state(), "state does not go back");
    assertTrue(h.store.messages(key).stream().anyMatch(m -> m.messageType() == MessageType.WILL_SUPPLY
        && m.direction() == Direction.INBOUND && InboundProcessor.RESULT_OVERTAKEN.equals(m.result())));
    assertTrue(h.store.auditActions(key).contains(InboundProcessor.ACTION_OVERTAKEN));
    h.store.drain(h.delivery);
    List<IllMessage> toHome = h.sentTo("home.example");
    assertEquals(List.of(MessageType.SHIPPED, MessageType.WILL_SUPPLY),
        toHome.stream().map(IllMessage::type).toList(), "the home system sees both, in arrival order");
    assertEquals(InboundProcessor.NOTICE_OVERTAKEN, toHome.get(1).attributes().get(Router.ATTR_NOTICE));
    assertNull(toHome.get(0).attributes().get(Router.ATTR_NOTICE));

    // Still refused: a message that is wrong, not merely late.
    assertInstanceOf(InboundResult.Rejected.class, h.fromLender(h.tx(key), MessageType.CANCEL_REPLY, b -> b));
  }

  @Test
  void messageForAnUnknownTransactionIsRejected() {
    h.lender("bvas");
    InboundResult result = h.receive(Protocol.ISO10161, IllMessage.builder(MessageType.SHIPPED)
        .requesterTransactionId("NOPE").sender(AgencyId.parse("NUC:BVAS")).build());
    assertEquals(InboundResult.UNKNOWN_TRANSACTION, ((InboundResult.Rejected) result).reason());
  }

  @Test
  void nothingIsAcknowledgedWhenTheCommitFails() {
    h.lender("bvas");
    h.store.failNextCommit = true;
    assertThrows(StoreException.class, () -> h.homeRequest("ILLUME-4", "bvas"));
    assertTrue(h.store.search(org.illbridge.api.store.TransactionQuery.all(10)).items().isEmpty());
    assertTrue(h.store.outboxRows().isEmpty());
    // The partner sends again and this time it goes through, once.
    String key = Harness.key(h.homeRequest("ILLUME-4", "bvas"));
    assertEquals(1, h.store.search(org.illbridge.api.store.TransactionQuery.all(10)).items().size());
    assertEquals(TransactionState.REQUESTED, h.tx(key).state());
  }

  @Test
  void messagesForAPartnerWhoseDialectIsMissingAreHeldThenFlow() {
    h.partner("relais1", "NUC:BVAS", Protocol.ISO10161, "relais", 7, "tcp://bvas.example:499");
    String key = Harness.key(h.homeRequest("ILLUME-5", "relais1"));

    List<DeliveryOutcome> outcomes = h.store.drain(h.delivery);
    DeliveryOutcome.Hold hold = assertInstanceOf(DeliveryOutcome.Hold.class, outcomes.get(0));
    assertTrue(hold.reason().contains("relais"));
    assertEquals(Duration.ofSeconds(10), hold.delay());
    assertEquals(0, h.store.outboxRows().get(0).attempts(), "a hold costs no attempt");
    assertTrue(h.transport.sent.isEmpty());

    Harness.FakeDialect relais = new Harness.FakeDialect("relais");
    h.plugins.addDialect(relais, Map.of(Dialect.PROPERTY_ID, "relais"));
    h.clock.advance(Duration.ofSeconds(11));
    h.store.drain(h.delivery);
    assertEquals(1, h.sentTo("bvas.example").size());
    assertEquals(OutboxStatus.DELIVERED, h.store.outboxRows().get(0).status());

    // Uninstalled mid-flight: held again, never dropped.
    h.plugins.removeDialect(relais, Map.of(Dialect.PROPERTY_ID, "relais"));
    h.fromHome(h.tx(key), MessageType.CANCEL);
    assertInstanceOf(DeliveryOutcome.Hold.class, h.store.drain(h.delivery).get(0));
    assertEquals(1, h.sentTo("bvas.example").size());
  }

  @Test
  void missingCodecOrTransportHoldsToo() {
    h.partner("alma", "ISIL:CA-ALMA", Protocol.ISO18626, "standard", 7, "https://alma.example/iso18626");
    h.homeRequest("ILLUME-6", "alma");
    DeliveryOutcome first = h.store.drain(h.delivery).get(0);
    assertTrue(((DeliveryOutcome.Hold) first).reason().contains("https"), "no https transport here");
  }

  @Test
  void dialectSkipIsRecordedAndRefusalTellsTheHomeSystem() {
    Harness.FakeDialect picky = new Harness.FakeDialect("picky");
    h.plugins.addDialect(picky, Map.of(Dialect.PROPERTY_ID, "picky"));
    h.partner("oclc", "OCLC:OCL", Protocol.ISO10161, "picky", 7, "tcp://oclc.example:499");
    picky.outbound = (m, p) -> new OutboundDecision.Refuse("verification source is required");

    String key = Harness.key(h.homeRequest("ILLUME-7", "oclc"));
    List<DeliveryOutcome> outcomes = h.store.drain(h.delivery);
    DeliveryOutcome.Fail fail = assertInstanceOf(DeliveryOutcome.Fail.class, outcomes.get(0));
    assertTrue(fail.reason().contains("verification source"));
    assertTrue(h.transport.sent.stream().noneMatch(s -> s.endpoint().getHost().equals("oclc.example")));
    IllMessage notice = h.sentTo("home.example").get(0);
    assertEquals(MessageType.NOTE, notice.type());
    assertEquals(OutboundDelivery.NOTICE_REFUSED, notice.attributes().get(Router.ATTR_NOTICE));
    assertTrue(h.store.auditActions(key).contains("delivery.refused"));

    picky.outbound = (m, p) -> new OutboundDecision.Skip("no Received at Relais");
    picky.supported.remove(MessageType.STATUS_QUERY);
    // Skips are delivered as "nothing to send" and recorded.
    h.lender("bvas");
    String key2 = Harness.key(h.homeRequest("ILLUME-8", "bvas"));
    h.store.drain(h.delivery);
    TransactionRecord tx2 = h.tx(key2);
    h.fromLender(tx2, MessageType.SHIPPED, b -> b);
    h.save(new Partner("bvas", "BVAS", List.of(AgencyId.parse("NUC:BVAS")), Protocol.ISO10161, "picky",
        List.of(new Endpoint(URI.create("tcp://bvas.example:499"), null, null)), 7, false, false, true, true));
    h.fromHome(h.tx(key2), MessageType.RECEIVED);
    h.store.drain(h.delivery);
    assertTrue(h.store.messages(key2).stream().anyMatch(m -> m.direction() == Direction.OUTBOUND
        && m.messageType() == MessageType.RECEIVED && m.result().startsWith("skipped:")));
  }

  @Test
  void aSkipIsLoggedAndSettledTogetherOrNotAtAll() {
    Harness.FakeDialect quiet = new Harness.FakeDialect("quiet");
    h.plugins.addDialect(quiet, Map.of(Dialect.PROPERTY_ID, "quiet"));
    h.partner("oclc", "OCLC:OCL", Protocol.ISO10161, "quiet", 7, "tcp://oclc.example:499");
    quiet.outbound = (m, p) -> new OutboundDecision.Skip("nothing to tell this lender");
    String key = Harness.key(h.homeRequest("ILLUME-S1", "oclc"));

    h.store.failNextCommit = true;
    DeliveryOutcome first = h.store.drain(h.delivery).get(0);
    assertInstanceOf(DeliveryOutcome.Retry.class, first);
    assertTrue(h.store.messages(key).stream().noneMatch(m -> m.direction() == Direction.OUTBOUND));
    assertEquals(OutboxStatus.PENDING, h.store.outboxRows().get(0).status());

    h.clock.advance(Duration.ofSeconds(61));
    assertEquals(List.of(DeliveryOutcome.deliveredAndMarked()), h.store.drain(h.delivery));
    assertEquals(OutboxStatus.DELIVERED, h.store.outboxRows().get(0).status());
    assertEquals(List.of("skipped:nothing to tell this lender"), h.store.messages(key).stream()
        .filter(m -> m.direction() == Direction.OUTBOUND).map(MessageRecord::result).toList());
    assertTrue(h.transport.sent.isEmpty());
  }

  @Test
  void aFailureWhileMarkingTheRowDeliveredLeavesNoLogEntryAndTheRowIsSentAgain() {
    h.lender("bvas");
    String key = Harness.key(h.homeRequest("ILLUME-S2", "bvas"));
    h.store.failNextMarkDelivered = true;
    assertInstanceOf(DeliveryOutcome.Retry.class, h.store.drain(h.delivery).get(0));
    assertTrue(h.store.messages(key).stream().noneMatch(m -> m.direction() == Direction.OUTBOUND),
        "the log entry rolled back with the failed mark");
    assertEquals(1, h.sentTo("bvas.example").size());

    h.clock.advance(Duration.ofSeconds(61));
    assertEquals(List.of(DeliveryOutcome.deliveredAndMarked()), h.store.drain(h.delivery));
    assertEquals(2, h.sentTo("bvas.example").size(), "at least once");
    assertEquals(1, h.store.messages(key).stream().filter(m -> m.direction() == Direction.OUTBOUND).count());
    assertEquals(OutboxStatus.DELIVERED, h.store.outboxRows().get(0).status());
    assertEquals(2, h.store.outboxRows().get(0).attempts(), "the failed attempt counts");
  }

  @Test
  void codecRefusalIsADeadLetterAndTheHomeSystemIsTold() {
    h.lender("bvas");
    IllMessage request = IllMessage.builder(MessageType.REQUEST).requesterTransactionId("ILLUME-9")
        .sender(AgencyId.parse("ISIL:CA-HOME")).attribute(Router.ATTR_LENDERS, "bvas")
        .attribute("test.fail-encode", "yes").timestamp(h.clock.instant()).build();
    h.receive(Protocol.REST, request);
    List<DeliveryOutcome> outcomes = h.store.drain(h.delivery);
    assertTrue(((DeliveryOutcome.Fail) outcomes.get(0)).reason().contains("title is required"));
    assertEquals(MessageType.NOTE, h.sentTo("home.example").get(0).type());
  }

  @Test
  void notesAreDroppedForPartnersThatTakeNoneWithAWarningHome() {
    h.save(new Partner("bvas", "SFU", List.of(AgencyId.parse("NUC:BVAS")), Protocol.ISO10161, "standard",
        List.of(new Endpoint(URI.create("tcp://bvas.example:499"), null, null)), 7, false, false,
        false, true));
    IllMessage request = IllMessage.builder(MessageType.REQUEST).requesterTransactionId("ILLUME-10")
        .sender(AgencyId.parse("ISIL:CA-HOME")).attribute(Router.ATTR_LENDERS, "bvas")
        .note("please rush").timestamp(h.clock.instant()).build();
    h.receive(Protocol.REST, request);
    h.store.drain(h.delivery);
    assertNull(h.sentTo("bvas.example").get(0).note());
    IllMessage warning = h.sentTo("home.example").get(0);
    assertEquals(OutboundDelivery.NOTICE_DIALECT_WARNING, warning.attributes().get(Router.ATTR_NOTICE));
    assertTrue(warning.note().contains("no notes"));
  }

  @Test
  void dualDeliveryDuringAnAddressChangeRetriesOnlyTheFailingEndpoint() {
    h.save(new Partner("bvas", "SFU", List.of(AgencyId.parse("NUC:BVAS")), Protocol.ISO10161, "standard",
        List.of(new Endpoint(URI.create("tcp://old.example:499"), null, Harness.START.plus(Duration.ofDays(30))),
            new Endpoint(URI.create("tcp://new.example:499"), Harness.START.minusSeconds(1), null),
            new Endpoint(URI.create("tcp://later.example:499"), Harness.START.plus(Duration.ofDays(60)), null)),
        7, false, false, true, true));
    h.transport.failingHosts.add("new.example");
    h.homeRequest("ILLUME-11", "bvas");
    h.store.drain(h.delivery);
    assertEquals(1, h.sentTo("old.example").size());
    assertTrue(h.sentTo("later.example").isEmpty(), "not active yet");
    var retryRow = h.store.outboxRows().stream().filter(r -> "tcp://new.example:499".equals(r.endpoint()))
        .findFirst().orElseThrow();
    assertEquals(OutboxStatus.PENDING, retryRow.status());
    assertEquals(1, retryRow.attempts());

    h.transport.failingHosts.clear();
    h.clock.advance(Duration.ofMinutes(2));
    h.store.drain(h.delivery);
    assertEquals(1, h.sentTo("new.example").size());
    assertEquals(1, h.sentTo("old.example").size(), "the endpoint that had it is not sent it again");
    assertEquals(h.sentTo("old.example").get(0), h.sentTo("new.example").get(0));
  }

  @Test
  void statusQueryFromALenderIsAnsweredByTheBridge() {
    h.lender("bvas");
    String key = Harness.key(h.homeRequest("ILLUME-12", "bvas"));
    h.store.drain(h.delivery);
    h.fromLender(h.tx(key), MessageType.WILL_SUPPLY, b -> b);
    h.fromLender(h.tx(key), MessageType.STATUS_QUERY, b -> b.timestamp(h.clock.instant().plusSeconds(1)));
    h.store.drain(h.delivery);
    List<IllMessage> toLender = h.sentTo("bvas.example");
    IllMessage report = toLender.get(toLender.size() - 1);
    assertEquals(MessageType.STATUS_REPORT, report.type());
    assertEquals("WILL_SUPPLY", report.reason());
    assertEquals(key + "-1", report.requesterTransactionId());
    assertNotEquals(0, h.sentTo("home.example").size());
  }

  @Test
  void aStatusQueryBetweenTwoIso10161PartnersIsTakenAsSentByThePartyWhoseIdsItCarries() {
    // An ISO 10161 requester routed to an ISO 10161 lender: both speak the protocol, and the TCP
    // listener's codec guesses that the header's requester sent a direction-free APDU.
    Partner sfu = h.partner("sfu", "NUC:BVAS9", Protocol.ISO10161, "standard", 7, "tcp://sfu.example:499");
    Partner bvas = h.lender("bvas");
    String key = Harness.key(h.receive(Protocol.ISO10161, IllMessage.builder(MessageType.REQUEST)
        .requesterTransactionId("SFU-77")
        .sender(sfu.ids().get(0))
        .recipient(bvas.ids().get(0))
        .serviceType(ServiceType.LOAN)
        .item(new Item("Moby Dick", "Melville", null, null, null, null, null, null, null, null, null, null))
        .timestamp(h.clock.instant())
        .build()));
    h.store.drain(h.delivery);
    TransactionRecord tx = h.tx(key);
    assertEquals("bvas", tx.supplier().partnerKey());
    int toLender = h.sentTo("bvas.example").size();
    int toRequester = h.sentTo("sfu.example").size();

    // The lender asks, with the ids it was given; decoded as if the requester had sent it.
    InboundResult result = h.receive(Protocol.ISO10161, IllMessage.builder(MessageType.STATUS_QUERY)
        .requesterTransactionId(tx.supplier().requesterTxId())
        .sender(tx.requester().agencyId())
        .recipient(tx.supplier().agencyId())
        .attribute(InboundProcessor.ATTR_10161_SENDER_ROLE, "requester")
        .timestamp(h.clock.instant().plusSeconds(1))
        .build());
    h.store.drain(h.delivery);

    assertEquals(key, Harness.key(result));
    List<IllMessage> lender = h.sentTo("bvas.example");
    assertEquals(toLender + 1, lender.size(), "the bridge answers the lender");
    assertEquals(MessageType.STATUS_REPORT, lender.get(lender.size() - 1).type());
    assertEquals(tx.supplier().requesterTxId(), lender.get(lender.size() - 1).requesterTransactionId());
    assertEquals(toRequester, h.sentTo("sfu.example").size(), "nothing goes to the requester");
    assertEquals("bvas", h.txStore.messages(key).stream()
        .filter(mr -> mr.messageType() == MessageType.STATUS_QUERY).findFirst().orElseThrow().partnerKey());
  }

  /** A request for "Walden" from a library the directory does not know. */
  private IllMessage unknownRequest(String requestId, String agency) {
    return IllMessage.builder(MessageType.REQUEST).requesterTransactionId(requestId)
        .sender(AgencyId.parse(agency)).item(org.illbridge.api.model.Item.titled("Walden"))
        .timestamp(h.clock.instant()).build();
  }

  private static Partner withBlocked(Partner p, boolean blocked) {
    return new Partner(p.key(), p.name(), p.ids(), p.protocol(), p.dialectId(), p.endpoints(),
        p.daysToRespond(), blocked, p.strictParsing(), p.notesAllowed(), p.enabled());
  }
}
