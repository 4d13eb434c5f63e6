package org.illbridge.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.DeliveryOutcome;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.MessageRecord;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.OutboxQuery;
import org.illbridge.api.store.OutboxStatus;
import org.illbridge.api.store.StoreException;
import org.illbridge.api.store.TransactionStore;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.api.engine.EngineActions;
import org.illbridge.store.internal.DerbyDatabase;
import org.illbridge.store.internal.JdbcOutbox;
import org.illbridge.store.internal.JdbcPartnerDirectory;
import org.illbridge.store.internal.JdbcTransactionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on the real Derby store: the rota, dedupe and timers through actual SQL. */
class DerbyStoreScenarioTest {

  @TempDir Path dir;
  private DerbyDatabase db;
  private Harness h;

  @BeforeEach
  void open() {
    db = DerbyDatabase.open(dir.resolve("db"));
    FakeClock clock = new FakeClock(Harness.START);
    h = new Harness(clock, new JdbcTransactionStore(db.dataSource(), clock),
        new JdbcPartnerDirectory(db.dataSource(), clock), new JdbcOutbox(db.dataSource(), clock));
    h.lender("bvas");
    h.lender("bvau");
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void rotaToTheSecondLenderThenShippedAndAStrayDuplicate() {
    String key = Harness.key(h.homeRequest("ILLUME-D1", "bvas", "bvau"));
    h.drain();
    TransactionRecord first = h.tx(key);
    assertEquals("bvas", first.supplier().partnerKey());

    // Days to respond elapse, the status query gets no answer: on to the second lender.
    h.clock.advance(Duration.ofDays(7));
    assertEquals(1, h.timers.runDue(10));
    h.clock.advance(Duration.ofDays(1));
    assertEquals(1, h.timers.runDue(10));
    TransactionRecord second = h.tx(key);
    assertEquals("bvau", second.supplier().partnerKey());
    h.drain();
    IllMessage request = h.sentTo("bvau.example").get(0);
    assertEquals(key + "-2", request.requesterTransactionId());
    assertEquals("Moby Dick", request.item().title());
    assertEquals("Ishmael", request.patron().name());

    InboundResult shipped = h.fromLender(second, MessageType.SHIPPED, b -> b.supplierTransactionId("U-7"));
    assertEquals(new InboundResult.Accepted(key, false), shipped);
    assertEquals(new InboundResult.Accepted(key, true),
        h.fromLender(second, MessageType.SHIPPED, b -> b.supplierTransactionId("U-7")));
    assertEquals(TransactionState.SHIPPED, h.tx(key).state());

    // The first lender ships too, late.
    assertEquals(new InboundResult.Accepted(key, false), h.fromLender(first, MessageType.SHIPPED, b -> b));
    h.drain();
    assertEquals(MessageType.SHIPPED, h.sentTo("home.example").get(0).type());
    IllMessage notice = h.sentTo("home.example").get(1);
    assertEquals(InboundProcessor.NOTICE_DUPLICATE_SUPPLY, notice.attributes().get(Router.ATTR_NOTICE));
    assertTrue(h.txStore.messages(key).stream().anyMatch(m -> m.direction() == Direction.INBOUND
        && m.duplicateCount() == 1));
    assertTrue(h.txStore.dueTimers(h.clock.instant().plus(Duration.ofDays(100)), 10).isEmpty());
  }

  @Test
  void repeatLastMessageOnDerbyQueuesTheSameBytesOnceWithoutWaitingOnItsOwnLock() {
    String key = Harness.key(h.homeRequest("ILLUME-D2", "bvas"));
    h.drain();
    byte[] original = h.transport.sent.get(h.transport.sent.size() - 1).payload();

    // Reads inside the unit of work go through its own connection: a second connection would
    // wait on the transaction row the unit of work has locked (it used to hang here).
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      assertEquals(EngineActions.RepeatResult.QUEUED, h.actions.repeatLastMessage(key, "staff"));
      assertEquals(EngineActions.RepeatResult.ALREADY_QUEUED, h.actions.repeatLastMessage(key, "staff"));
    });
    h.drain();
    assertArrayEquals(original, h.transport.sent.get(h.transport.sent.size() - 1).payload());
  }

  private List<MessageRecord> outbound(String key) {
    return h.txStore.messages(key).stream().filter(m -> m.direction() == Direction.OUTBOUND).toList();
  }

  @Test
  void aDeliveryLogsWhatItSentAndSettlesItsRowInTheSameCommit() throws Exception {
    String key = Harness.key(h.homeRequest("ILLUME-D3", "bvas"));
    List<OutboxItem> claimed = h.outbox.claimDue(h.clock.instant(), 10, 10, Map.of(), Duration.ofMinutes(1));
    assertEquals(1, claimed.size());
    assertEquals(0, outbound(key).size());

    Instant sendBegan = h.clock.instant();
    h.transport.duringSend = () -> h.clock.advance(Duration.ofSeconds(3));

    DeliveryOutcome outcome = h.delivery.deliver(claimed.get(0));

    assertEquals(DeliveryOutcome.deliveredAndMarked(), outcome, "the worker has nothing left to record");
    OutboxItem row = h.outbox.get(claimed.get(0).id());
    assertEquals(OutboxStatus.DELIVERED, row.status(), "settled by the delivery's own commit");
    assertEquals(1, row.attempts());
    List<MessageRecord> log = outbound(key);
    assertEquals(1, log.size());
    assertEquals(MessageType.REQUEST, log.get(0).messageType());
    assertEquals("sent", log.get(0).result());
    assertEquals(sendBegan, log.get(0).at(), "logged at the time its send began, not at the commit");
    assertArrayEquals(h.transport.sent.get(0).payload(), h.txStore.rawMessage(log.get(0).id()).orElseThrow());
  }

  @Test
  void whenTheDeliveryCommitFailsNeitherLogEntryNorDeliveredMarkStayAndTheRowIsSentAgain() {
    AtomicBoolean failNext = new AtomicBoolean();
    TransactionStore real = new JdbcTransactionStore(db.dataSource(), h.clock);
    // The real store, except that the next unit of work fails after its work ran (as a full disk
    // at commit would): everything it did must roll back.
    TransactionStore failing = (TransactionStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {TransactionStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("inTransaction") && failNext.getAndSet(false)) {
            TransactionStore.Work<?> work = (TransactionStore.Work<?>) args[0];
            return real.inTransaction(uow -> {
              work.run(uow);
              throw new StoreException("simulated: no space left on the device");
            });
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    Harness f = new Harness(h.clock, failing, new JdbcPartnerDirectory(db.dataSource(), h.clock),
        new JdbcOutbox(db.dataSource(), h.clock));
    String key = Harness.key(f.homeRequest("ILLUME-D4", "bvas"));

    failNext.set(true);
    List<DeliveryOutcome> first = f.drain();
    DeliveryOutcome.Retry retry = assertInstanceOf(DeliveryOutcome.Retry.class, first.get(0));
    assertTrue(retry.reason().contains("no space left"), retry.reason());
    assertEquals(1, f.transport.sent.size(), "it did go out before the commit failed");
    assertTrue(outbound(key).isEmpty(), "no log entry from the failed commit");
    OutboxItem row = f.outbox.list(new OutboxQuery(null, null, key, 10, null)).items().get(0);
    assertEquals(OutboxStatus.PENDING, row.status(), "not delivered: the mark rolled back with the log entry");
    assertEquals(1, row.attempts());

    f.clock.advance(Duration.ofSeconds(61));
    assertEquals(List.of(DeliveryOutcome.deliveredAndMarked()), f.drain());
    assertEquals(2, f.transport.sent.size(), "at least once: the lender gets it again");
    assertEquals(1, outbound(key).size(), "one log entry for the one delivered row");
    assertEquals(OutboxStatus.DELIVERED, f.outbox.get(row.id()).status());
  }
}
