package org.illbridge.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.api.engine.EngineActions.RepeatResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RotaTest {

  private final Harness h = new Harness();
  private String key;

  @BeforeEach
  void requestFromTwoLenders() {
    h.lender("bvas");
    h.lender("bvau");
    key = Harness.key(h.homeRequest("ILLUME-100", "bvas", "bvau"));
    h.store.drain(h.delivery);
  }

  @Test
  void unfilledMovesToTheNextLenderWithAFreshIdAndTheFullRequest() {
    TransactionRecord first = h.tx(key);
    h.fromLender(first, MessageType.UNFILLED, b -> b.reason("not-owned"));

    TransactionRecord second = h.tx(key);
    assertEquals("bvau", second.supplier().partnerKey());
    assertEquals(TransactionState.REQUESTED, second.state());
    assertNotEquals(first.supplier().requesterTxId(), second.supplier().requesterTxId());
    assertEquals(key + "-2", second.supplier().requesterTxId());
    h.store.drain(h.delivery);
    IllMessage request = h.sentTo("bvau.example").get(0);
    assertEquals(MessageType.REQUEST, request.type());
    assertEquals(key + "-2", request.requesterTransactionId());
    assertEquals("Moby Dick", request.item().title(), "rebuilt from the logged original");
    assertEquals("Ishmael", request.patron().name(), "patron from the store, not copied per attempt");
    assertTrue(h.sentTo("home.example").isEmpty(), "the home system hears nothing while lenders remain");

    h.fromLender(second, MessageType.UNFILLED, b -> b);
    assertEquals(TransactionState.UNFILLED, h.tx(key).state());
    h.store.drain(h.delivery);
    IllMessage unfilled = h.sentTo("home.example").get(0);
    assertEquals(MessageType.UNFILLED, unfilled.type());
    assertEquals(Router.REASON_LENDERS_EXHAUSTED, unfilled.reason());
    assertEquals("ILLUME-100", unfilled.requesterTransactionId());
    assertTrue(h.store.timers(key).isEmpty());
  }

  @Test
  void daysToRespondFirstAsksTheLenderThenMovesOnAfterTheGracePeriod() {
    TransactionRecord first = h.tx(key);
    h.clock.advance(Duration.ofDays(7).minusMinutes(1));
    assertEquals(0, h.timers.runDue(10), "not yet");

    h.clock.advance(Duration.ofMinutes(1));
    assertEquals(1, h.timers.runDue(10));
    h.store.drain(h.delivery);
    List<IllMessage> toFirst = h.sentTo("bvas.example");
    IllMessage query = toFirst.get(toFirst.size() - 1);
    assertEquals(MessageType.STATUS_QUERY, query.type());
    assertEquals(first.supplier().requesterTxId(), query.requesterTransactionId(), "same ids: same transaction");
    assertEquals("bvas", h.tx(key).supplier().partnerKey(), "still the first lender during the grace period");

    h.clock.advance(Duration.ofHours(23));
    assertEquals(0, h.timers.runDue(10));
    h.clock.advance(Duration.ofHours(1));
    assertEquals(1, h.timers.runDue(10));
    assertEquals("bvau", h.tx(key).supplier().partnerKey());
    assertTrue(h.store.auditActions(key).contains("rota.no-answer"));

    // The second lender never answers either: the list is exhausted and home hears Unfilled.
    h.clock.advance(Duration.ofDays(7));
    h.timers.runDue(10);
    h.clock.advance(Duration.ofDays(1));
    h.timers.runDue(10);
    assertEquals(TransactionState.UNFILLED, h.tx(key).state());
    h.store.drain(h.delivery);
    assertEquals(MessageType.UNFILLED, h.sentTo("home.example").get(0).type());
  }

  @Test
  void aLenderThatAnswersGetsItsDaysToRespondAgain() {
    h.clock.advance(Duration.ofDays(5));
    h.fromLender(h.tx(key), MessageType.WILL_SUPPLY, b -> b);
    h.clock.advance(Duration.ofDays(3));
    assertEquals(0, h.timers.runDue(10), "restarted at the answer");
    h.clock.advance(Duration.ofDays(4));
    assertEquals(1, h.timers.runDue(10));
  }

  @Test
  void aStatusReportThatSaysShippedRecoversTheLostShippedMessage() {
    h.clock.advance(Duration.ofDays(7));
    h.timers.runDue(10);
    InboundResult result = h.fromLender(h.tx(key), MessageType.STATUS_REPORT,
        b -> b.reason("SHIPPED").dueDate(LocalDate.parse("2025-04-01")));
    assertInstanceOf(InboundResult.Accepted.class, result);
    assertEquals(TransactionState.SHIPPED, h.tx(key).state());
    assertEquals(LocalDate.parse("2025-04-01"), h.tx(key).dueDate());
    assertTrue(h.store.timers(key).isEmpty());
    h.store.drain(h.delivery);
    IllMessage shipped = h.sentTo("home.example").get(0);
    assertEquals(MessageType.SHIPPED, shipped.type());
    assertEquals(LocalDate.parse("2025-04-01"), shipped.dueDate());
  }

  @Test
  void aStatusReportThatDoesNotKnowTheRequestMovesOnAtOnce() {
    h.clock.advance(Duration.ofDays(7));
    h.timers.runDue(10);
    h.fromLender(h.tx(key), MessageType.STATUS_REPORT, b -> b.reason(null));
    assertEquals("bvau", h.tx(key).supplier().partnerKey());
  }

  @Test
  void lenderWithoutStatusQueriesIsLeftWhenItsDaysAreUp() {
    Harness.FakeDialect relais = new Harness.FakeDialect("relais");
    relais.supported.remove(MessageType.STATUS_QUERY);
    h.plugins.addDialect(relais, Map.of(Dialect.PROPERTY_ID, "relais"));
    h.partner("bkcc", "NUC:BKCC", org.illbridge.api.model.Protocol.ISO10161, "relais", 10, "tcp://bkcc.example:499");
    String k = Harness.key(h.homeRequest("ILLUME-101", "bkcc", "bvas"));
    h.clock.advance(Duration.ofDays(10));
    h.timers.runDue(10);
    assertEquals("bvas", h.tx(k).supplier().partnerKey(), "Relais DTR of 10 days, no query possible");
  }

  @Test
  void aLateShippedFromAnEarlierLenderIsFlaggedAsPossibleDuplicateSupply() {
    TransactionRecord first = h.tx(key);
    h.fromLender(first, MessageType.UNFILLED, b -> b);
    assertEquals("bvau", h.tx(key).supplier().partnerKey());

    InboundResult late = h.fromLender(first, MessageType.SHIPPED, b -> b.timestamp(h.clock.instant().plusSeconds(5)));
    assertEquals(new InboundResult.Accepted(key, false), late);
    assertEquals(TransactionState.REQUESTED, h.tx(key).state(), "the current attempt is not disturbed");
    assertTrue(h.store.auditActions(key).contains(InboundProcessor.ACTION_DUPLICATE_SUPPLY));
    h.store.drain(h.delivery);
    IllMessage notice = h.sentTo("home.example").get(0);
    assertEquals(MessageType.NOTE, notice.type());
    assertEquals(InboundProcessor.NOTICE_DUPLICATE_SUPPLY, notice.attributes().get(Router.ATTR_NOTICE));
  }

  @Test
  void aShippedAfterTheRotaGaveUpIsFlaggedToo() {
    h.fromLender(h.tx(key), MessageType.UNFILLED, b -> b);
    TransactionRecord last = h.tx(key);
    h.clock.advance(Duration.ofDays(8));
    h.timers.runDue(10);
    h.clock.advance(Duration.ofDays(1));
    h.timers.runDue(10);
    assertEquals(TransactionState.UNFILLED, h.tx(key).state());
    InboundResult late = h.fromLender(last, MessageType.SHIPPED, b -> b);
    assertInstanceOf(InboundResult.Accepted.class, late);
    assertTrue(h.store.auditActions(key).contains(InboundProcessor.ACTION_DUPLICATE_SUPPLY));
  }

  @Test
  void repeatLastMessageResendsTheSameBytesOnce() {
    byte[] original = h.transport.sent.stream().filter(s -> s.endpoint().getHost().equals("bvas.example"))
        .findFirst().orElseThrow().payload();

    assertEquals(RepeatResult.QUEUED, h.actions.repeatLastMessage(key, "staff"));
    assertEquals(RepeatResult.ALREADY_QUEUED, h.actions.repeatLastMessage(key, "staff"));
    h.store.drain(h.delivery);
    List<Harness.FakeTransport.Sent> toLender = h.transport.sent.stream()
        .filter(s -> s.endpoint().getHost().equals("bvas.example")).toList();
    assertEquals(2, toLender.size());
    assertArrayEquals(original, toLender.get(1).payload());
    assertEquals(RepeatResult.QUEUED, h.actions.repeatLastMessage(key, "staff"), "again once delivered");
    assertEquals(RepeatResult.UNKNOWN_TRANSACTION, h.actions.repeatLastMessage("IB0000000000", "staff"));
  }

  @Test
  void blockedLenderIsSkippedWhenTheRotaReachesIt() {
    h.save(new org.illbridge.api.model.Partner("bvau", "UBC",
        List.of(org.illbridge.api.model.AgencyId.parse("NUC:BVAU")), org.illbridge.api.model.Protocol.ISO10161,
        "standard", List.of(), 7, true, false, true, true));
    h.fromLender(h.tx(key), MessageType.UNFILLED, b -> b);
    assertEquals(TransactionState.UNFILLED, h.tx(key).state());
    assertTrue(h.store.auditActions(key).contains("rota.skip"));
  }

  @Test
  void statusReportsAreReadFromTheProtocolStatusTheCodecsKeep() {
    h.clock.advance(Duration.ofDays(7));
    h.timers.runDue(10);
    h.fromLender(h.tx(key), MessageType.STATUS_REPORT, b -> b.attribute("iso10161.current-state", "not-supplied"));
    assertEquals("bvau", h.tx(key).supplier().partnerKey(), "10161 not-supplied: next lender");

    h.clock.advance(Duration.ofDays(7));
    h.timers.runDue(10);
    h.fromLender(h.tx(key), MessageType.STATUS_REPORT, b -> b.attribute("iso18626.status", "Loaned"));
    assertEquals(TransactionState.SHIPPED, h.tx(key).state(), "18626 Loaned: the Shipped was lost");

    assertEquals(TransactionState.WILL_SUPPLY, ReportedStatus.of(IllMessage.builder(MessageType.STATUS_REPORT)
        .attribute("iso18626.status", "WillSupply").build()));
    assertEquals(null, ReportedStatus.of(IllMessage.builder(MessageType.STATUS_REPORT)
        .attribute("iso10161.current-state", "unknown").build()));
  }
}
