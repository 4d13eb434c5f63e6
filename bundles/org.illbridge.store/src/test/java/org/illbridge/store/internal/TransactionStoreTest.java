package org.illbridge.store.internal;

import org.illbridge.api.store.Direction;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.store.NewMessage;
import static org.illbridge.store.internal.StoreFixture.inbound;
import static org.illbridge.store.internal.StoreFixture.outbound;
import static org.illbridge.store.internal.StoreFixture.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.illbridge.api.model.Patron;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.ConflictException;
import org.illbridge.api.store.LoggedMessage;
import org.illbridge.api.store.MessageRecord;
import org.illbridge.api.store.Page;
import org.illbridge.api.store.StoreException;
import org.illbridge.api.store.TimerRecord;
import org.illbridge.api.store.TransactionQuery;
import org.illbridge.api.store.TransactionRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionStoreTest {
  @TempDir Path tmp;
  StoreFixture f;

  @BeforeEach
  void open() {
    f = new StoreFixture(tmp.resolve("db"));
  }

  @AfterEach
  void close() {
    f.close();
  }

  /** What the engine does for one inbound request: log, create, patron, enqueue, timer. */
  String applyRequest(String dedupeKey) {
    return f.store.inTransaction(uow -> {
      LoggedMessage logged = uow.logMessage(inbound("home", dedupeKey, "<request " + dedupeKey + "/>", uow.now()));
      if (logged.duplicate()) {
        return logged.original().bridgeKey();
      }
      TransactionRecord t = uow.createTransaction(request("H-" + dedupeKey, "home", "ubc"));
      uow.savePatron(t.bridgeKey(), new Patron("P1", "Jane Reader", "faculty"));
      uow.setMessageResult(logged.messageId(), t.bridgeKey(), "accepted", List.of("normalised date"));
      uow.enqueue(outbound(t.bridgeKey(), "ubc", "request to ubc"));
      uow.scheduleTimer(t.bridgeKey(), "days-to-respond", uow.now().plus(Duration.ofDays(10)));
      return t.bridgeKey();
    });
  }

  @Test
  void oneUnitOfWorkCommitsEverythingTogether() throws Exception {
    String key = applyRequest("m1");
    TransactionRecord t = f.store.find(key).orElseThrow();
    assertEquals(TransactionState.REQUESTED, t.state());
    assertEquals(List.of("ubc", "backup"), t.lenders());
    assertEquals("ubc", t.currentLender());
    assertEquals(f.clock.instant(), t.createdAt());
    assertEquals(new Patron("P1", "Jane Reader", "faculty"), f.store.patron(key).orElseThrow());
    List<MessageRecord> messages = f.store.messages(key);
    assertEquals(1, messages.size());
    assertEquals("accepted", messages.get(0).result());
    assertEquals(List.of("normalised date"), messages.get(0).warnings());
    assertArrayEquals("<request m1/>".getBytes(StandardCharsets.UTF_8),
        f.store.rawMessage(messages.get(0).id()).orElseThrow());
    assertEquals(1, f.count("OUTBOX"));
    assertEquals(1, f.count("TIMER"));
  }

  @Test
  void lendingLoadCountsTheTransactionsALenderHasSinceAnInstant() {
    Instant start = f.clock.instant();
    f.store.inTransaction(uow -> uow.createTransaction(request("H-L1", "home", "ubc")));
    f.clock.advance(Duration.ofDays(2));
    Instant later = f.clock.instant();
    f.store.inTransaction(uow -> uow.createTransaction(request("H-L2", "home", "ubc")));
    f.store.inTransaction(uow -> uow.createTransaction(request("H-L3", "home", "sfu")));
    assertEquals(2, f.store.countSuppliedSince("ubc", start));
    assertEquals(1, f.store.countSuppliedSince("ubc", later), "older transactions are not recent load");
    assertEquals(1, f.store.countSuppliedSince("sfu", start));
    assertEquals(0, f.store.countSuppliedSince("uvic", start));
  }

  @Test
  void aUnitOfWorkThatThrowsLeavesNothingBehind() throws Exception {
    IllegalStateException boom = new IllegalStateException("crash after writing everything");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
        f.store.inTransaction(uow -> {
          LoggedMessage m = uow.logMessage(inbound("home", "m1", "<x/>", uow.now()));
          TransactionRecord t = uow.createTransaction(request("H1", "home", "ubc"));
          uow.savePatron(t.bridgeKey(), new Patron("P1", "Jane Reader", null));
          uow.setMessageResult(m.messageId(), t.bridgeKey(), "accepted", null);
          uow.enqueue(outbound(t.bridgeKey(), "ubc", "x"));
          uow.scheduleTimer(t.bridgeKey(), "expiry", uow.now());
          uow.audit("alice", "transaction.create", t.bridgeKey(), null, null);
          throw boom;
        }));
    assertEquals(boom, thrown);
    for (String table : List.of("ILL_TRANSACTION", "MESSAGE_LOG", "PATRON", "OUTBOX", "TIMER", "AUDIT_LOG")) {
      assertEquals(0, f.count(table), table + " must be empty after a rollback");
    }
    // Checked exceptions are wrapped, and also roll back.
    assertThrows(StoreException.class, () -> f.store.inTransaction(uow -> {
      uow.createTransaction(request("H2", "home", "ubc"));
      throw new java.io.IOException("disk full");
    }));
    assertEquals(0, f.count("ILL_TRANSACTION"));
  }

  @Test
  void theMessageLogIsInTheOrderOfEventsNotOfCommits() throws Exception {
    String key = f.store.inTransaction(uow -> uow.createTransaction(request("T1", "home", "ubc")).bridgeKey());
    Instant sendBegan = f.clock.instant();
    f.clock.advance(Duration.ofMillis(40));
    // the lender's answer is stored while the request's send is still returning ...
    f.store.inTransaction(uow -> uow.logMessage(new NewMessage(key, "ubc", Direction.INBOUND,
        Protocol.ISO10161, MessageType.SHIPPED, "ans-1", new byte[] {1}, "answer", false, null,
        uow.now(), "accepted", List.of())));
    // ... and the request is logged afterwards, at the time its send began
    f.store.inTransaction(uow -> uow.logMessage(new NewMessage(key, "ubc", Direction.OUTBOUND,
        Protocol.ISO10161, MessageType.REQUEST, null, new byte[] {2}, "request", false, sendBegan,
        sendBegan, "sent", List.of())));
    List<MessageType> order = f.store.messages(key).stream().map(MessageRecord::messageType).toList();
    assertEquals(List.of(MessageType.REQUEST, MessageType.SHIPPED), order);
    assertEquals(order, f.store.inTransaction(uow -> uow.messages(key)).stream()
        .map(MessageRecord::messageType).toList());
  }

  @Test
  void aRedeliveredMessageIsRecognisedAndAppliedOnce() throws Exception {
    String first = applyRequest("m1");
    f.clock.advance(Duration.ofMinutes(1));
    String again = applyRequest("m1");
    assertEquals(first, again);
    assertEquals(1, f.count("ILL_TRANSACTION"));
    assertEquals(1, f.count("OUTBOX"));
    MessageRecord m = f.store.messages(first).get(0);
    assertEquals(1, m.duplicateCount());
    assertEquals(f.clock.instant(), m.lastSeenAt());
    // Same dedupe key from another partner is a different message.
    f.store.inTransaction(uow -> uow.logMessage(inbound("other", "m1", "<x/>", uow.now())));
    assertEquals(2, f.count("MESSAGE_LOG"));
  }

  @Test
  void concurrentCopiesOfOneMessageAreAppliedOnce() throws Exception {
    int copies = 6;
    ExecutorService pool = Executors.newFixedThreadPool(copies);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      Callable<String> c = () -> {
        start.await();
        return applyRequest("same");
      };
      results.add(pool.submit(c));
    }
    start.countDown();
    Set<String> keys = new java.util.HashSet<>();
    for (Future<String> r : results) {
      keys.add(r.get());
    }
    pool.shutdown();
    assertEquals(1, keys.size(), "every copy acknowledges the same transaction");
    assertEquals(1, f.count("ILL_TRANSACTION"));
    assertEquals(1, f.count("OUTBOX"));
    assertEquals(copies - 1, f.store.messages(keys.iterator().next()).get(0).duplicateCount());
  }

  @Test
  void updatesAreOptimisticallyLockedAndTerminalTimeIsKept() {
    String key = applyRequest("m1");
    TransactionRecord read = f.store.find(key).orElseThrow();
    f.clock.advance(Duration.ofHours(1));
    TransactionRecord shipped = f.store.inTransaction(uow -> uow.updateTransaction(
        uow.lockTransaction(key).orElseThrow().withState(TransactionState.SHIPPED)
            .withDueDate(LocalDate.of(2025, 4, 1))));
    assertEquals(2, shipped.version());
    assertNull(shipped.terminalAt());
    assertThrows(ConflictException.class, () -> f.store.inTransaction(uow ->
        uow.updateTransaction(read.withState(TransactionState.CANCELLED))), "stale version");
    f.clock.advance(Duration.ofDays(1));
    Instant closedAt = f.clock.instant();
    f.store.inTransaction(uow -> uow.updateTransaction(
        uow.lockTransaction(key).orElseThrow().withState(TransactionState.LOAN_COMPLETED)));
    f.clock.advance(Duration.ofDays(1));
    f.store.inTransaction(uow -> uow.updateTransaction(
        uow.lockTransaction(key).orElseThrow().withState(TransactionState.LOAN_COMPLETED)));
    TransactionRecord done = f.store.find(key).orElseThrow();
    assertEquals(closedAt, done.terminalAt(), "retention counts from the first terminal state");
    assertEquals(LocalDate.of(2025, 4, 1), done.dueDate());
  }

  @Test
  void conflictsAreRetriedByInTransaction() {
    String key = applyRequest("m1");
    AtomicInteger runs = new AtomicInteger();
    TransactionRecord result = f.store.inTransaction(uow -> {
      TransactionRecord t = uow.lockTransaction(key).orElseThrow();
      if (runs.incrementAndGet() == 1) {
        throw new ConflictException("simulated lost race");
      }
      return uow.updateTransaction(t.withState(TransactionState.WILL_SUPPLY));
    });
    assertEquals(2, runs.get());
    assertEquals(TransactionState.WILL_SUPPLY, result.state());
  }

  @Test
  void searchesByAnyIdPartnerStateAndDateWithKeysetPaging() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      int n = i;
      keys.add(f.store.inTransaction(uow -> {
        TransactionRecord t = uow.createTransaction(request("REQ-" + n, n % 2 == 0 ? "home" : "sfu",
            n % 3 == 0 ? "ubc" : "vdx"));
        if (n % 5 == 0) {
          t = uow.updateTransaction(t.withState(TransactionState.SHIPPED)
              .withSupplier(t.supplier().withSupplierTxId("SUP-" + n)));
        }
        return t.bridgeKey();
      }));
      f.clock.advance(Duration.ofHours(1));
    }
    // By any id: the bridge key, the requester's id, the supplier's id.
    assertEquals(keys.get(7), single(new TransactionQuery("REQ-7", null, null, null, null, 10, null)));
    assertEquals(keys.get(10), single(new TransactionQuery("SUP-10", null, null, null, null, 10, null)));
    assertEquals(keys.get(3), single(new TransactionQuery(keys.get(3), null, null, null, null, 10, null)));

    // By partner on either side, newest first, paged.
    List<String> ubc = collect(new TransactionQuery(null, "ubc", null, null, null, 3, null));
    assertEquals(List.of(24, 21, 18, 15, 12, 9, 6, 3, 0).stream().map(keys::get).toList(), ubc);
    List<String> home = collect(new TransactionQuery(null, "home", null, null, null, 4, null));
    assertEquals(13, home.size());
    // Partner + state.
    assertEquals(List.of(15, 0).stream().map(keys::get).toList(), collect(new TransactionQuery(
        null, "ubc", Set.of(TransactionState.SHIPPED), null, null, 1, null)));
    // Several states: one index scan per state and side, merged newest first across pages.
    assertEquals(ubc, collect(new TransactionQuery(null, "ubc",
        Set.of(TransactionState.SHIPPED, TransactionState.REQUESTED), null, null, 2, null)));
    assertEquals(List.of(20, 10, 0).stream().map(keys::get).toList(), collect(new TransactionQuery(
        null, "home", Set.of(TransactionState.SHIPPED, TransactionState.LOST), null, null, 2, null)));
    // State alone.
    assertEquals(List.of(20, 15, 10, 5, 0).stream().map(keys::get).toList(), collect(new TransactionQuery(
        null, null, Set.of(TransactionState.SHIPPED), null, null, 2, null)));
    assertEquals(25, collect(new TransactionQuery(null, null,
        Set.of(TransactionState.SHIPPED, TransactionState.REQUESTED), null, null, 4, null)).size());
    // Id + state, partner + date.
    assertEquals(List.of(), collect(new TransactionQuery("REQ-7", null, Set.of(TransactionState.SHIPPED),
        null, null, 5, null)));
    assertEquals(List.of(24, 21, 18, 15).stream().map(keys::get).toList(), collect(new TransactionQuery(null, "ubc",
        null, Instant.parse("2025-03-01T10:00:00Z").plus(Duration.ofHours(15)), null, 2, null)));
    // Date range: created in hours [5, 9).
    Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
    assertEquals(List.of(8, 7, 6, 5).stream().map(keys::get).toList(), collect(new TransactionQuery(
        null, null, null, t0.plus(Duration.ofHours(5)), t0.plus(Duration.ofHours(9)), 2, null)));
    assertEquals(25, collect(TransactionQuery.all(7)).size());
    assertThrows(IllegalArgumentException.class, () -> f.store.search(TransactionQuery.all(0)));
    assertThrows(IllegalArgumentException.class,
        () -> f.store.search(TransactionQuery.all(5).next("not-a-cursor")));
  }

  private String single(TransactionQuery q) {
    Page<TransactionRecord> page = f.store.search(q);
    assertEquals(1, page.items().size(), "results for " + q);
    assertFalse(page.hasMore());
    return page.items().get(0).bridgeKey();
  }

  private List<String> collect(TransactionQuery q) {
    List<String> all = new ArrayList<>();
    Page<TransactionRecord> page = f.store.search(q);
    while (true) {
      assertTrue(page.items().size() <= q.limit());
      page.items().forEach(t -> all.add(t.bridgeKey()));
      if (!page.hasMore()) {
        return all;
      }
      page = f.store.search(q.next(page.nextCursor()));
    }
  }

  @Test
  void dashboardAggregatesCountMessagesPerMinuteAndOpenTransactionsByState() {
    Instant start = f.clock.instant();
    String first = applyRequest("a1"); // 1 message at minute 0
    applyRequest("a2"); // another at minute 0
    f.clock.advance(Duration.ofMinutes(2).plusSeconds(30));
    String third = applyRequest("a3"); // minute 2
    f.store.inTransaction(uow -> uow.updateTransaction(uow.lockTransaction(third).orElseThrow()
        .withState(TransactionState.SHIPPED)));
    f.store.inTransaction(uow -> uow.updateTransaction(uow.lockTransaction(first).orElseThrow()
        .withState(TransactionState.CANCELLED)));

    assertArrayEquals(new long[] {2, 0, 1, 0}, f.store.messagesPerMinute(start, 4));
    assertArrayEquals(new long[] {0, 1}, f.store.messagesPerMinute(start.plusSeconds(60), 2));
    assertEquals(java.util.Map.of(TransactionState.REQUESTED, 1L, TransactionState.SHIPPED, 1L),
        f.store.countOpenByState());
    assertThrows(IllegalArgumentException.class, () -> f.store.messagesPerMinute(start, 0));
  }

  @Test
  void timersSurviveARestartAndAreTakenOnce() throws Exception {
    String key = applyRequest("m1");
    f.store.inTransaction(uow -> uow.scheduleTimer(key, "expiry", uow.now().plus(Duration.ofDays(30))));
    f.store.inTransaction(uow -> uow.scheduleTimer(key, "days-to-respond", uow.now().plus(Duration.ofDays(3))));
    assertEquals(2, f.count("TIMER"), "rescheduling a kind moves it, never duplicates it");
    f.close();
    f = new StoreFixture(tmp.resolve("db"));
    f.clock.advance(Duration.ofDays(4));
    List<TimerRecord> due = f.store.dueTimers(f.clock.instant(), 10);
    assertEquals(1, due.size());
    assertEquals("days-to-respond", due.get(0).kind());
    assertEquals(key, due.get(0).bridgeKey());
    long timerId = due.get(0).id();
    boolean first = f.store.inTransaction(uow -> uow.takeTimer(timerId));
    boolean second = f.store.inTransaction(uow -> uow.takeTimer(timerId));
    assertTrue(first);
    assertFalse(second, "taken once only");
    int cancelled = f.store.inTransaction(uow -> uow.cancelTimers(key, null));
    assertEquals(1, cancelled);
    assertTrue(f.store.dueTimers(f.clock.instant().plus(Duration.ofDays(60)), 10).isEmpty());
  }

  @Test
  void theUnitOfWorkCannotBeUsedAfterItsWork() {
    org.illbridge.api.store.UnitOfWork[] kept = new org.illbridge.api.store.UnitOfWork[1];
    f.store.inTransaction(uow -> kept[0] = uow);
    assertThrows(IllegalStateException.class, () -> kept[0].createTransaction(request("X", "home", "ubc")));
  }

  @Test
  void unknownTransactionsGiveClearErrors() {
    StoreException e = assertThrows(StoreException.class, () -> f.store.inTransaction(uow ->
        uow.enqueue(outbound("IB-NOPE", "ubc", "x"))));
    assertTrue(e.getMessage().contains("IB-NOPE"), e.getMessage());
    assertTrue(f.store.find("IB-NOPE").isEmpty());
    assertNotNull(f.store.messages("IB-NOPE"));
  }
}
