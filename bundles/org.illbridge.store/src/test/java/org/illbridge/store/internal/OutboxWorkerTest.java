package org.illbridge.store.internal;

import static org.illbridge.store.internal.StoreFixture.outbound;
import static org.illbridge.store.internal.StoreFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.store.DeliveryOutcome;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.MessageRecord;
import org.illbridge.api.store.NewMessage;
import org.illbridge.api.store.OutboxDelivery;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.OutboxQuery;
import org.illbridge.api.store.OutboxStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxWorkerTest {
  @TempDir Path tmp;
  StoreFixture f;
  OutboxDispatcher dispatcher;
  final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
  volatile Function<OutboxItem, DeliveryOutcome> behaviour = i -> DeliveryOutcome.delivered();

  final OutboxDelivery delivery = item -> {
    DeliveryOutcome o = behaviour.apply(item);
    if (o instanceof DeliveryOutcome.Delivered) {
      delivered.add(new String(item.payload(), StandardCharsets.UTF_8));
    }
    return o;
  };

  static final OutboxDispatcher.Settings SETTINGS = new OutboxDispatcher.Settings(4, 2, 50, 3,
      Duration.ofHours(24), Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMinutes(5));

  @BeforeEach
  void open() {
    f = new StoreFixture(tmp.resolve("db"));
    dispatcher = new OutboxDispatcher(f.outbox, delivery, SETTINGS, f.clock);
  }

  @AfterEach
  void close() {
    dispatcher.close();
    f.close();
  }

  String newTransaction() {
    return f.store.inTransaction(uow -> uow.createTransaction(request("R", "home", "ubc")).bridgeKey());
  }

  void enqueue(String key, String partner, String... payloads) {
    f.store.inTransaction(uow -> {
      for (String p : payloads) {
        uow.enqueue(outbound(key, partner, p));
      }
      return null;
    });
  }

  void poll() throws InterruptedException {
    dispatcher.pollOnce();
    assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));
  }

  OutboxItem only(OutboxStatus status) {
    List<OutboxItem> items = f.outbox.list(OutboxQuery.byStatus(status, 10)).items();
    assertEquals(1, items.size(), "rows in " + status);
    return items.get(0);
  }

  @Test
  void deliversEachTransactionInOrderEvenWhenAnEarlierRowFails() throws Exception {
    String a = newTransaction();
    String b = newTransaction();
    enqueue(a, "ubc", "a1-shipped", "a2-received", "a3-returned");
    enqueue(b, "ubc", "b1");
    behaviour = i -> new String(i.payload(), StandardCharsets.UTF_8).equals("a1-shipped")
        ? DeliveryOutcome.retry("connection refused") : DeliveryOutcome.delivered();
    poll();
    assertEquals(List.of("b1"), delivered, "a2 must wait for a1; b is independent");
    List<OutboxItem> pendingOfA = f.outbox.list(new OutboxQuery(OutboxStatus.PENDING, null, a, 10, null)).items();
    assertEquals(3, pendingOfA.size());
    OutboxItem a1 = pendingOfA.get(2);
    assertEquals(1, a1.attempts());
    assertEquals("connection refused", a1.lastError());
    poll();
    assertEquals(List.of("b1"), delivered, "not due before its backoff");

    behaviour = i -> DeliveryOutcome.delivered();
    f.clock.advance(Duration.ofSeconds(11));
    for (int i = 0; i < 3; i++) {
      poll();
    }
    assertEquals(List.of("b1", "a1-shipped", "a2-received", "a3-returned"), delivered);
    assertEquals(4L, f.outbox.countByStatus().get(OutboxStatus.DELIVERED));
  }

  @Test
  void backoffGrowsExponentiallyWithJitterUpToTheCap() {
    for (int attempt = 1; attempt <= 12; attempt++) {
      long expected = Math.min(600_000, 10_000L << (attempt - 1));
      for (int k = 0; k < 20; k++) {
        long ms = dispatcher.backoff(attempt).toMillis();
        assertTrue(ms >= expected / 2 && ms <= expected, attempt + ": " + ms);
      }
    }
  }

  @Test
  void deadLettersAfterMaxAttemptsThenResendDelivers() throws Exception {
    String a = newTransaction();
    enqueue(a, "ubc", "first", "second");
    behaviour = i -> DeliveryOutcome.retry("timeout");
    for (int i = 0; i < 3; i++) {
      poll();
      f.clock.advance(Duration.ofMinutes(11));
    }
    OutboxItem dead = only(OutboxStatus.DEAD);
    assertEquals(3, dead.attempts());
    assertEquals("first", new String(f.outbox.get(dead.id()).payload(), StandardCharsets.UTF_8));
    poll();
    assertTrue(delivered.isEmpty(), "the row after a dead letter waits (FIFO)");

    behaviour = i -> DeliveryOutcome.delivered();
    assertTrue(f.outbox.resend(dead.id(), "alice"));
    assertFalse(f.outbox.resend(dead.id(), "alice"), "only dead rows can be resent");
    poll();
    poll();
    assertEquals(List.of("first", "second"), delivered);
    assertEquals("outbox.resend", f.store.audit(a, null, 10, null).items().get(0).action());
  }

  @Test
  void deadLettersByAgeAndImmediatelyOnFailDiscardUnblocks() throws Exception {
    String a = newTransaction();
    enqueue(a, "ubc", "old", "next");
    behaviour = i -> DeliveryOutcome.retry("503");
    poll();
    f.clock.advance(Duration.ofHours(25));
    poll();
    OutboxItem dead = only(OutboxStatus.DEAD);
    assertEquals(2, dead.attempts(), "dead by age before max attempts");
    assertTrue(f.outbox.discard(dead.id(), "alice"));
    behaviour = i -> new DeliveryOutcome.Fail("refused by dialect: missing verification source");
    poll();
    assertEquals("refused by dialect: missing verification source", only(OutboxStatus.DEAD).lastError());
    assertEquals(1, only(OutboxStatus.DEAD).attempts());
  }

  @Test
  void holdDoesNotCountAnAttempt() throws Exception {
    enqueue(newTransaction(), "ubc", "x");
    behaviour = i -> new DeliveryOutcome.Hold("dialect relais not installed", Duration.ofMinutes(1));
    for (int i = 0; i < 5; i++) {
      poll();
      f.clock.advance(Duration.ofMinutes(2));
    }
    OutboxItem held = only(OutboxStatus.PENDING);
    assertEquals(0, held.attempts());
    assertTrue(held.lastError().contains("relais"));
  }

  @Test
  void releaseHeldMakesHeldRowsDueAtOnceButLeavesRetriesWaiting() throws Exception {
    String a = newTransaction();
    String b = newTransaction();
    enqueue(a, "relais", "held-one");
    enqueue(b, "ubc", "failed-one");
    behaviour = i -> i.partnerKey().equals("relais")
        ? new DeliveryOutcome.Hold("dialect relais not installed", Duration.ofHours(1))
        : DeliveryOutcome.retry("connection refused");
    poll();
    assertEquals(2L, f.outbox.countByStatus().get(OutboxStatus.PENDING));
    behaviour = i -> DeliveryOutcome.delivered();
    poll();
    assertTrue(delivered.isEmpty(), "neither is due yet: the hold waits an hour, the retry 10 s");

    assertEquals(1, f.outbox.releaseHeld(f.clock.instant()), "only the held row is released");
    poll();
    assertEquals(List.of("held-one"), delivered, "the held row flows at once, the retry still waits");
    assertEquals(0, f.outbox.releaseHeld(f.clock.instant()), "nothing held any more");
    f.clock.advance(Duration.ofSeconds(11));
    poll();
    assertEquals(List.of("held-one", "failed-one"), delivered);
  }

  @Test
  void exceptionsAreRetries() throws Exception {
    enqueue(newTransaction(), "ubc", "x");
    behaviour = i -> {
      throw new IllegalStateException("socket closed");
    };
    poll();
    assertTrue(only(OutboxStatus.PENDING).lastError().contains("socket closed"));
  }

  @Test
  void aSlowPartnerDoesNotDelayOthers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Map<String, Integer> concurrentDead = new ConcurrentHashMap<>();
    behaviour = i -> {
      if (i.partnerKey().equals("dead")) {
        concurrentDead.merge("now", 1, Integer::sum);
        concurrentDead.merge("max", 0, (old, z) -> Math.max(old, concurrentDead.get("now")));
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        concurrentDead.merge("now", -1, Integer::sum);
      }
      return DeliveryOutcome.delivered();
    };
    for (int i = 0; i < 6; i++) {
      enqueue(newTransaction(), "dead", "dead-" + i);
    }
    for (int i = 0; i < 10; i++) {
      enqueue(newTransaction(), "ok", "ok-" + i);
    }
    for (int i = 0; i < 5; i++) {
      dispatcher.pollOnce();
      Thread.sleep(50);
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (delivered.size() < 10 && System.currentTimeMillis() < deadline) {
      dispatcher.pollOnce();
      Thread.sleep(20);
    }
    assertEquals(10, delivered.stream().filter(s -> s.startsWith("ok-")).count(),
        "all of the healthy partner's rows go while the dead partner blocks");
    assertEquals(2, concurrentDead.get("max"), "the dead partner holds at most its in-flight limit");
    release.countDown();
    assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));
    while (delivered.size() < 16 && System.currentTimeMillis() < deadline + 10_000) {
      poll();
    }
    assertEquals(16, delivered.size());
  }

  @Test
  void aPartnerWithItsOwnLimitGetsThatManyAtOnceOthersKeepTheDefault() throws Exception {
    dispatcher.close();
    dispatcher = new OutboxDispatcher(f.outbox, delivery, new OutboxDispatcher.Settings(12, 2, 50, 3,
        Duration.ofHours(24), Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMinutes(5),
        Map.of("home", 6)), f.clock);
    CountDownLatch release = new CountDownLatch(1);
    Map<String, Integer> now = new ConcurrentHashMap<>();
    Map<String, Integer> max = new ConcurrentHashMap<>();
    behaviour = i -> {
      int n = now.merge(i.partnerKey(), 1, Integer::sum);
      max.merge(i.partnerKey(), n, Math::max);
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      now.merge(i.partnerKey(), -1, Integer::sum);
      return DeliveryOutcome.delivered();
    };
    for (int i = 0; i < 10; i++) {
      enqueue(newTransaction(), "home", "home-" + i);
      enqueue(newTransaction(), "ubc", "ubc-" + i);
    }
    for (int i = 0; i < 5; i++) {
      dispatcher.pollOnce();
      Thread.sleep(50);
    }
    assertEquals(6, dispatcher.inFlightCount() - 2, "home holds its own limit, ubc the default");
    release.countDown();
    long deadline = System.currentTimeMillis() + 20_000;
    while (delivered.size() < 20 && System.currentTimeMillis() < deadline) {
      poll();
    }
    assertEquals(20, delivered.size());
    assertEquals(6, max.get("home"));
    assertEquals(2, max.get("ubc"));
    assertEquals(2, new OutboxDispatcher.Settings(4, 2, 50, 3, Duration.ofHours(1), Duration.ZERO,
        Duration.ZERO, Duration.ofMinutes(1)).limitFor("home"));
  }

  @Test
  void partnerLimitsAreReadFromKeyColonCountEntries() {
    assertEquals(Map.of("home", 16, "big.lender", 4),
        OutboxWorkerComponent.partnerLimits(new String[] {"home:16", "big.lender:4, bad, x:0, :3"}));
    assertTrue(OutboxWorkerComponent.partnerLimits(null).isEmpty());
  }

  @Test
  void aCrashedWorkersRowsComeBackAfterTheLease() throws Exception {
    enqueue(newTransaction(), "ubc", "x");
    // A worker claims the row and dies without recording anything.
    assertEquals(1, f.outbox.claimDue(f.clock.instant(), 10, 2, Map.of(), Duration.ofMinutes(5)).size());
    poll();
    assertTrue(delivered.isEmpty(), "still leased");
    f.clock.advance(Duration.ofMinutes(6));
    poll();
    assertEquals(List.of("x"), delivered);
  }

  /** A row of its own ordering key (not behind the partner's other rows). */
  static org.illbridge.api.store.NewOutboxItem independent(String partner, String payload) {
    return new org.illbridge.api.store.NewOutboxItem(null, partner, null,
        org.illbridge.api.model.MessageType.REQUEST, "text/plain",
        payload.getBytes(StandardCharsets.UTF_8), false, "key-" + payload, null);
  }

  @Test
  void aLargeBacklogOfOnePartnerAtItsLimitDoesNotHideAnotherPartnersRow() throws Exception {
    f.store.inTransaction(uow -> {
      for (int i = 0; i < 1000; i++) {
        uow.enqueue(independent("big", "big-" + i));
      }
      return null;
    });
    enqueue(newTransaction(), "small", "small-1");
    List<OutboxItem> claimed = f.outbox.claimDue(f.clock.instant(), 10, 2, Map.of("big", 2),
        Duration.ofMinutes(5));
    assertEquals(List.of("small"), claimed.stream().map(OutboxItem::partnerKey).toList(),
        "the busy partner's backlog is skipped, the other partner's row is claimed");
    assertEquals(Long.MAX_VALUE, OutboxHints.of(f.db.dataSource())
        .nextDueAfter(f.clock.instant().toEpochMilli()),
        "partners waiting for a slot do not set a timer: the worker would poll in a busy loop");
    // With room again the big partner's oldest rows come, in enqueue order.
    claimed = f.outbox.claimDue(f.clock.instant(), 10, 2, Map.of(), Duration.ofMinutes(5));
    assertEquals(List.of("big-0", "big-1"), claimed.stream()
        .map(i -> new String(i.payload(), StandardCharsets.UTF_8)).toList());
  }

  @Test
  void aPartnersClaimReadsOnlyTheRowsItTakesFromTheIndex() throws Exception {
    f.store.inTransaction(uow -> {
      for (int i = 0; i < 2000; i++) {
        uow.enqueue(independent(i % 2 == 0 ? "big" : "other", "row-" + i));
      }
      return null;
    });
    try (java.sql.Connection c = f.db.dataSource().getConnection()) {
      try (java.sql.CallableStatement cs = c.prepareCall("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)")) {
        cs.execute();
      }
      List<OutboxItem> rows = JdbcOutbox.partnerCandidates(c, "big", f.clock.instant(), 8,
          JdbcOutbox.bridgeKeyCache());
      assertEquals(8, rows.size());
      assertEquals("row-0", new String(f.outbox.get(rows.get(0).id()).payload(), StandardCharsets.UTF_8));
      // Derby reports the last statement; the partner scan is the one that could grow with the backlog.
      String plan = planOfScan(c);
      assertTrue(plan.contains("using index IX_OUTBOX_PARTNER"), plan);
      assertFalse(plan.contains("Sort ResultSet"), () -> "the claim sorted the backlog:\n" + plan);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("Number of rows visited=(\\d+)").matcher(plan);
      assertTrue(m.find(), plan);
      int visited = Integer.parseInt(m.group(1));
      assertTrue(visited <= 10, () -> "visited " + visited + " rows of a 1000-row backlog for 8:\n" + plan);
    }
  }

  @Test
  void theClaimReadsEachRowOnceWithWhatTheDeliveryNeedsAndChecksAnOrderingKeyOnlyOnce() throws Exception {
    String a = newTransaction();
    enqueue(a, "p", "a1", "a2", "a3");
    f.store.inTransaction(uow -> {
      for (String x : List.of("x1", "x2")) {
        uow.enqueue(independent("p", x));
      }
      return null;
    });
    List<String> executed = new ArrayList<>();
    Map<Long, String> keys = JdbcOutbox.bridgeKeyCache();
    List<OutboxItem> rows;
    try (java.sql.Connection c = f.db.dataSource().getConnection()) {
      rows = JdbcOutbox.partnerCandidates(counting(c, executed), "p", f.clock.instant(), 10, keys);
    }
    assertEquals(List.of("a1", "x1", "x2"), rows.stream()
        .map(i -> new String(i.payload(), StandardCharsets.UTF_8)).toList(), "a2 and a3 wait for a1");
    for (OutboxItem row : rows) {
      OutboxItem stored = f.outbox.get(row.id());
      assertEquals(stored.bridgeKey(), row.bridgeKey());
      assertEquals(row.orderingKey().startsWith("tx:") ? a : null, row.bridgeKey());
      assertEquals(new String(stored.payload(), StandardCharsets.UTF_8),
          new String(row.payload(), StandardCharsets.UTF_8));
      assertEquals(List.of(stored.partnerKey(), stored.endpoint() == null ? "" : stored.endpoint(),
          stored.messageType(), stored.contentType(), stored.orderingKey(), stored.status(),
          stored.attempts(), stored.createdAt(), stored.queuedAt(), stored.nextAttemptAt()),
          List.of(row.partnerKey(), row.endpoint() == null ? "" : row.endpoint(), row.messageType(),
              row.contentType(), row.orderingKey(), row.status(), row.attempts(), row.createdAt(),
              row.queuedAt(), row.nextAttemptAt()));
    }
    // One scan, then one ordering check per ordering key seen first (a2 and a3 are behind a1 in
    // the same scan), and the bridge key of a's row id: no second read of a row for its columns
    // or payload.
    assertEquals(5, executed.size(), () -> String.join("\n", executed));
    assertEquals(3, executed.stream().filter(sql -> sql.startsWith("SELECT 1 FROM OUTBOX")).count());
    assertEquals(1, executed.stream().filter(sql -> sql.contains("FROM ILL_TRANSACTION")).count());
    // The next claim of the transaction's rows knows its bridge key.
    executed.clear();
    try (java.sql.Connection c = f.db.dataSource().getConnection()) {
      assertEquals(a, JdbcOutbox.partnerCandidates(counting(c, executed), "p", f.clock.instant(), 1,
          keys).get(0).bridgeKey());
    }
    assertEquals(0, executed.stream().filter(sql -> sql.contains("FROM ILL_TRANSACTION")).count());

    List<OutboxItem> claimed = f.outbox.claimDue(f.clock.instant(), 10, 10, Map.of(),
        Duration.ofMinutes(5));
    assertEquals(List.of("a1", "x1", "x2"), claimed.stream()
        .map(i -> new String(i.payload(), StandardCharsets.UTF_8)).toList());
    for (OutboxItem item : claimed) {
      assertEquals(OutboxStatus.IN_FLIGHT, item.status());
      assertEquals(f.clock.instant(), item.lastAttemptAt());
      assertEquals(OutboxStatus.IN_FLIGHT, f.outbox.get(item.id()).status());
    }
  }

  /** {@code c}, recording the text of every statement executed through it. */
  static java.sql.Connection counting(java.sql.Connection c, List<String> executed) {
    return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(
        OutboxWorkerTest.class.getClassLoader(), new Class<?>[] {java.sql.Connection.class},
        (proxy, method, args) -> {
          Object result = invoke(c, method, args);
          if (method.getName().equals("prepareStatement")) {
            String sql = (String) args[0];
            java.sql.PreparedStatement ps = (java.sql.PreparedStatement) result;
            return java.lang.reflect.Proxy.newProxyInstance(OutboxWorkerTest.class.getClassLoader(),
                new Class<?>[] {java.sql.PreparedStatement.class}, (p, m, a) -> {
                  if (m.getName().startsWith("execute")) {
                    executed.add(sql);
                  }
                  return invoke(ps, m, a);
                });
          }
          return result;
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private String planOfScan(java.sql.Connection c) throws Exception {
    return planOfScan(c, "big");
  }

  private String planOfScan(java.sql.Connection c, String partner) throws Exception {
    try (java.sql.PreparedStatement ps = c.prepareStatement(JdbcOutbox.PARTNER_SCAN)) {
      ps.setString(1, partner);
      ps.setFetchSize(16);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        for (int i = 0; i < 8 && rs.next(); i++) {
          rs.getLong(1);
        }
      }
    }
    try (java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void rowsWithoutAHintAreFoundByTheRescanAndEnqueuesWakeTheWorker() throws Exception {
    OutboxHints hints = OutboxHints.of(f.db.dataSource());
    assertFalse(hints.await(1), "nothing happened yet");
    enqueue(newTransaction(), "ubc", "hinted");
    assertTrue(hints.await(1), "a committed enqueue wakes the worker");
    // A row written behind the store's back (no hint) is found by the first claim's rescan.
    try (java.sql.Connection c = f.db.dataSource().getConnection();
        java.sql.PreparedStatement st = c.prepareStatement("INSERT INTO OUTBOX (ORDERING_KEY,"
            + " PARTNER_KEY, MESSAGE_TYPE, CONTENT_TYPE, PAYLOAD, CONTAINS_PATRON, REDACTED, STATUS,"
            + " ATTEMPTS, CREATED_AT, QUEUED_AT, NEXT_ATTEMPT_AT)"
            + " VALUES ('k', 'quiet', 'REQUEST', 'text/plain', ?, FALSE, FALSE, 'PENDING', 0, 0, 0, 0)")) {
      st.setBytes(1, "q".getBytes(StandardCharsets.UTF_8));
      st.executeUpdate();
    }
    List<String> freed = Collections.synchronizedList(new ArrayList<>());
    dispatcher.close();
    dispatcher = new OutboxDispatcher(f.outbox, delivery, SETTINGS, f.clock, () -> freed.add("slot"));
    poll();
    assertEquals(List.of("hinted", "q"), delivered.stream().sorted().toList());
    assertEquals(2, freed.size(), "each finished delivery frees a slot and wakes the worker");
  }

  @Test
  void aRetriedRowComesBackWhenItsRetryIsDueWithoutARescan() throws Exception {
    enqueue(newTransaction(), "ubc", "flaky");
    behaviour = i -> DeliveryOutcome.retry("connection refused");
    poll();
    behaviour = i -> DeliveryOutcome.delivered();
    poll();
    assertTrue(delivered.isEmpty(), "not before its backoff");
    OutboxHints hints = OutboxHints.of(f.db.dataSource());
    long due = only(OutboxStatus.PENDING).nextAttemptAt().toEpochMilli();
    assertEquals(due, hints.nextDueAfter(f.clock.instant().toEpochMilli()),
        "the worker knows when to look again");
    assertEquals(Long.MAX_VALUE, hints.nextDueAfter(due), "and nothing after that");
    f.clock.advance(Duration.ofSeconds(11));
    poll();
    assertEquals(List.of("flaky"), delivered);
  }

  // --- one commit per delivery (store API 1.4) -------------------------------------------

  /** What the engine does: log what was sent and settle the row in one unit of work. */
  DeliveryOutcome logAndMark(OutboxItem item, boolean failAfterMarking) {
    f.store.inTransaction(uow -> {
      uow.logMessage(new NewMessage(item.bridgeKey(), item.partnerKey(), Direction.OUTBOUND,
          Protocol.ISO10161, item.messageType(), null, item.payload(), "sent to " + item.partnerKey(),
          false, uow.now(), uow.now(), "sent", List.of()));
      assertTrue(uow.markDelivered(item.id()), "the worker's row is in flight");
      if (failAfterMarking) {
        throw new IllegalStateException("disk full while committing");
      }
      return null;
    });
    return DeliveryOutcome.deliveredAndMarked();
  }

  List<MessageRecord> outboundLog(String key) {
    return f.store.messages(key).stream().filter(m -> m.direction() == Direction.OUTBOUND).toList();
  }

  @Test
  void aDeliveryLogsAndSettlesItsRowInOneUnitOfWork() throws Exception {
    String a = newTransaction();
    enqueue(a, "ubc", "shipped");
    long id = only(OutboxStatus.PENDING).id();
    assertFalse(f.store.<Boolean>inTransaction(uow -> uow.markDelivered(id)),
        "only a row the worker holds in flight can be marked");
    assertEquals(OutboxStatus.PENDING, f.outbox.get(id).status());

    behaviour = i -> logAndMark(i, false);
    poll();
    OutboxItem row = only(OutboxStatus.DELIVERED);
    assertEquals(1, row.attempts());
    assertEquals(f.clock.instant(), row.deliveredAt());
    assertEquals(List.of("shipped"), delivered);
    List<MessageRecord> log = outboundLog(a);
    assertEquals(1, log.size());
    assertEquals("sent", log.get(0).result());
    assertFalse(f.store.<Boolean>inTransaction(uow -> uow.markDelivered(id)), "delivered once, not again");
  }

  @Test
  void theWorkerDoesNotRecordADeliveryTheDeliveryMarkedItself() throws Exception {
    enqueue(newTransaction(), "ubc", "claims-marked");
    // A delivery that says it marked the row but did not: the worker writes nothing more, so the
    // row stays in flight (and would come back after its lease). This is what saves the commit.
    behaviour = i -> DeliveryOutcome.deliveredAndMarked();
    poll();
    assertEquals(OutboxStatus.IN_FLIGHT, only(OutboxStatus.IN_FLIGHT).status());
    // The plain outcome of API 1.3 is still marked by the worker.
    enqueue(newTransaction(), "ubc", "plain");
    behaviour = i -> new DeliveryOutcome.Delivered();
    poll();
    assertEquals("plain", new String(f.outbox.get(only(OutboxStatus.DELIVERED).id()).payload(),
        StandardCharsets.UTF_8));
  }

  @Test
  void whenTheDeliveryCommitFailsTheDeliveredMarkRollsBackAndTheRowIsRetried() throws Exception {
    String a = newTransaction();
    enqueue(a, "ubc", "first", "second");
    behaviour = i -> logAndMark(i, true);
    poll();
    assertTrue(outboundLog(a).isEmpty(), "no log entry from the failed unit of work");
    List<OutboxItem> pending = f.outbox.list(OutboxQuery.byStatus(OutboxStatus.PENDING, 10)).items();
    assertEquals(2, pending.size(), "not marked delivered: both rows still to go");
    OutboxItem first = pending.get(1);
    assertEquals("first", new String(f.outbox.get(first.id()).payload(), StandardCharsets.UTF_8));
    assertEquals(1, first.attempts());
    assertTrue(first.lastError().contains("disk full"), first.lastError());
    assertEquals(0L, f.outbox.countByStatus().get(OutboxStatus.DELIVERED));

    behaviour = i -> logAndMark(i, false);
    f.clock.advance(Duration.ofSeconds(11));
    poll();
    poll();
    assertEquals(2L, f.outbox.countByStatus().get(OutboxStatus.DELIVERED));
    assertEquals(List.of("first", "second"), outboundLog(a).stream()
        .map(m -> new String(f.store.rawMessage(m.id()).orElseThrow(), StandardCharsets.UTF_8)).toList(),
        "one log entry per delivered row, in order");
  }
}
