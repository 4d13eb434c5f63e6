package org.illbridge.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.engine.EngineActions;
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
}
