package org.illbridge.store.internal;

import static org.illbridge.store.internal.StoreFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.MessageRecord;
import org.illbridge.api.store.NewMessage;
import org.illbridge.api.store.StoreException;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.store.TransactionSide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the unit of work's fewer statements rely on: findByAnyId's single statement finds what the
 * five did, a transaction read by it and then locked is what is in the row once locked, and the
 * cache of row ids never holds a transaction that was not committed.
 */
class UnitOfWorkReadsTest {
  @TempDir Path tmp;

  private static TransactionRecord withKey(String key, TransactionSide requester, TransactionSide supplier) {
    return TransactionRecord.newTransaction(key, requester, supplier, TransactionState.REQUESTED,
        null, null, List.of());
  }

  @Test
  void findByAnyIdMatchesEveryIdColumnOnceInColumnOrder() throws Exception {
    try (StoreFixture f = new StoreFixture(tmp.resolve("db"))) {
      f.store.inTransaction(uow -> {
        // created in the reverse of the column order (BRIDGE_KEY, REQ_REQ, REQ_SUP, SUP_REQ, SUP_SUP)
        uow.createTransaction(withKey("IB-E", TransactionSide.EMPTY, new TransactionSide("b", null, null, "X")));
        uow.createTransaction(withKey("IB-D", TransactionSide.EMPTY, new TransactionSide("b", null, "X", null)));
        uow.createTransaction(withKey("IB-C", new TransactionSide("a", null, null, "X"), TransactionSide.EMPTY));
        // in two columns: found once, at the first
        uow.createTransaction(withKey("IB-B", new TransactionSide("a", null, "X", "X"), TransactionSide.EMPTY));
        uow.createTransaction(withKey("X", TransactionSide.EMPTY, TransactionSide.EMPTY));
        uow.createTransaction(withKey("IB-OTHER", new TransactionSide("a", null, "Y", "Z"), TransactionSide.EMPTY));
        return null;
      });
      List<String> expected = List.of("X", "IB-B", "IB-C", "IB-D", "IB-E");
      assertEquals(expected, keys(f, "X"));
      assertEquals(List.of("IB-OTHER"), keys(f, "Z"));
      assertEquals(List.of(), keys(f, "nothing"));
    }
  }

  @Test
  void lockingATransactionReadByFindByAnyIdGivesTheRowAsItIsOnceLocked() throws Exception {
    try (StoreFixture f = new StoreFixture(tmp.resolve("db"))) {
      String key = f.store.inTransaction(uow -> uow.createTransaction(request("r1", "home", "ubc")).bridgeKey());
      // unchanged since the read: the same record, and the unit goes on from it
      TransactionRecord updated = f.store.inTransaction(uow -> {
        TransactionRecord seen = uow.findByAnyId("r1").get(0);
        TransactionRecord locked = uow.lockTransaction(key).orElseThrow();
        assertEquals(seen, locked);
        return uow.updateTransaction(locked.withState(TransactionState.WILL_SUPPLY));
      });
      assertEquals(2, updated.version());
      assertEquals(updated, f.store.find(key).orElseThrow());

      // changed by another unit between the read and the lock: the lock returns the new row
      TransactionRecord locked = f.store.inTransaction(uow -> {
        TransactionRecord seen = uow.findByAnyId("r1").get(0);
        assertEquals(TransactionState.WILL_SUPPLY, seen.state());
        CompletableFuture.runAsync(() -> f.store.inTransaction(other -> other.updateTransaction(
            other.lockTransaction(key).orElseThrow().withState(TransactionState.SHIPPED))))
            .get(30, TimeUnit.SECONDS);
        return uow.lockTransaction(key).orElseThrow();
      });
      assertEquals(TransactionState.SHIPPED, locked.state());
      assertEquals(3, locked.version());
      assertEquals(1L, f.store.countOpenByState().get(TransactionState.SHIPPED));
      assertEquals(0L, f.store.countOpenByState().getOrDefault(TransactionState.WILL_SUPPLY, 0L));
    }
  }

  @Test
  void anUpdateSetsOnlyTheColumnsThatDifferFromTheRecordTheUnitHolds() throws Exception {
    try (StoreFixture f = new StoreFixture(tmp.resolve("db"))) {
      String key = f.store.inTransaction(uow -> uow.createTransaction(request("r1", "home", "ubc")).bridgeKey());
      List<String> executed = new java.util.ArrayList<>();
      java.time.LocalDate due = java.time.LocalDate.of(2025, 4, 1);
      TransactionRecord last;
      try (java.sql.Connection c = f.db.dataSource().getConnection()) {
        c.setAutoCommit(false);
        JdbcUnitOfWork uow = new JdbcUnitOfWork(OutboxWorkerTest.counting(c, executed), f.clock.instant());
        TransactionRecord locked = uow.lockTransaction(key).orElseThrow();
        TransactionRecord shipped = uow.updateTransaction(locked.withState(TransactionState.SHIPPED)
            .withSupplier(locked.supplier().withSupplierTxId("S-1")).withDueDate(due));
        // the same unit goes on from the record it wrote; a value set back is a change too
        TransactionRecord done = uow.updateTransaction(shipped.withState(TransactionState.LOAN_COMPLETED)
            .withDueDate(null));
        last = uow.updateTransaction(done.withLenderPosition(1));
        uow.writeCounts();
        c.commit();
      }
      List<String> updates = executed.stream().filter(sql -> sql.startsWith("UPDATE ILL_TRANSACTION SET")
          && !sql.contains("VERSION = VERSION WHERE")).toList();
      assertEquals(List.of(
          "UPDATE ILL_TRANSACTION SET STATE = ?, SUP_SUP_TXID = ?, DUE_DATE = ?, UPDATED_AT = ?,"
              + " VERSION = VERSION + 1 WHERE BRIDGE_KEY = ? AND VERSION = ?",
          "UPDATE ILL_TRANSACTION SET STATE = ?, DUE_DATE = ?, TERMINAL_AT = ?, UPDATED_AT = ?,"
              + " VERSION = VERSION + 1 WHERE BRIDGE_KEY = ? AND VERSION = ?",
          "UPDATE ILL_TRANSACTION SET LENDER_POSITION = ?, UPDATED_AT = ?,"
              + " VERSION = VERSION + 1 WHERE BRIDGE_KEY = ? AND VERSION = ?"), updates);
      TransactionRecord stored = f.store.find(key).orElseThrow();
      assertEquals(last, stored);
      assertEquals(4, stored.version());
      assertEquals("S-1", stored.supplier().supplierTxId());
      assertEquals(null, stored.dueDate());
      assertEquals(1, stored.lenderPosition());
      assertEquals(f.clock.instant(), stored.terminalAt());
      assertEquals(List.of(key), keys(f, "S-1"), "the id index has the new value");
      assertEquals(0L, f.store.countOpenByState().getOrDefault(TransactionState.REQUESTED, 0L),
          "the state count moved with the state");

      // A unit that holds no record of that version (not locked through it) writes every column.
      executed.clear();
      try (java.sql.Connection c = f.db.dataSource().getConnection()) {
        c.setAutoCommit(false);
        JdbcUnitOfWork uow = new JdbcUnitOfWork(OutboxWorkerTest.counting(c, executed), f.clock.instant());
        uow.updateTransaction(stored.withLenderPosition(0));
        uow.writeCounts();
        c.commit();
      }
      String full = executed.stream().filter(sql -> sql.contains("VERSION = VERSION + 1")).findFirst().orElseThrow();
      for (String column : JdbcUnitOfWork.MUTABLE_COLUMNS) {
        assertTrue(full.contains(column + " = ?"), full);
      }
      assertEquals(0, f.store.find(key).orElseThrow().lenderPosition());
    }
  }

  @Test
  void aTransactionCreatedByAUnitThatRolledBackIsNotTakenForAnExistingOne() throws Exception {
    try (StoreFixture f = new StoreFixture(tmp.resolve("db"))) {
      assertThrows(IllegalStateException.class, () -> f.store.inTransaction(uow -> {
        uow.createTransaction(withKey("IB-GONE", TransactionSide.EMPTY, TransactionSide.EMPTY));
        uow.logMessage(outbound("IB-GONE", "first"));
        throw new IllegalStateException("the work failed after creating it");
      }));
      StoreException e = assertThrows(StoreException.class,
          () -> f.store.inTransaction(uow -> uow.logMessage(outbound("IB-GONE", "second"))));
      assertTrue(e.getMessage().contains("no transaction IB-GONE"), e.getMessage());

      // a committed one is found by later units (read outside a unit first, as a delivery does)
      f.store.inTransaction(uow -> uow.createTransaction(withKey("IB-HERE", TransactionSide.EMPTY, TransactionSide.EMPTY)));
      f.store.find("IB-HERE").orElseThrow();
      f.store.inTransaction(uow -> uow.logMessage(outbound("IB-HERE", "sent")));
      List<MessageRecord> log = f.store.messages("IB-HERE");
      assertEquals(1, log.size());
      assertEquals("IB-HERE", log.get(0).bridgeKey());
    }
  }

  @Test
  void timersOfATransactionCreatedInTheSameUnitNeedNoLookUpAndStayExact() throws Exception {
    try (StoreFixture f = new StoreFixture(tmp.resolve("db"))) {
      java.time.Instant t1 = java.time.Instant.parse("2025-03-05T10:00:00Z");
      java.time.Instant t2 = java.time.Instant.parse("2025-03-06T10:00:00Z");
      String key = f.store.inTransaction(uow -> {
        String k = uow.createTransaction(request("r1", "home", "ubc")).bridgeKey();
        assertEquals(0, uow.cancelTimers(k, null));
        long a = uow.scheduleTimer(k, "a", t1);
        assertEquals(a, uow.scheduleTimer(k, "a", t2)); // the same timer, due later
        uow.scheduleTimer(k, "b", t1);
        assertEquals(1, uow.cancelTimers(k, "b"));
        assertEquals(0, uow.cancelTimers(k, "c"));
        long b = uow.scheduleTimer(k, "b", t2); // again after its cancel
        assertTrue(b != a);
        assertTrue(uow.takeTimer(b));
        uow.scheduleTimer(k, "b", t1); // again after it was taken
        return k;
      });
      List<org.illbridge.api.store.TimerRecord> due = f.store.dueTimers(t2.plusSeconds(1), 10);
      assertEquals(List.of("a@" + t2, "b@" + t1), due.stream().map(t -> t.kind() + "@" + t.dueAt()).sorted().toList());
      int cancelled = f.store.inTransaction(uow -> uow.cancelTimers(key, null));
      assertEquals(2, cancelled);
      assertEquals(List.of(), f.store.dueTimers(t2.plusSeconds(1), 10));
    }
  }

  private static List<String> keys(StoreFixture f, String id) {
    return f.store.inTransaction(uow -> uow.findByAnyId(id)).stream().map(TransactionRecord::bridgeKey).toList();
  }

  private static NewMessage outbound(String bridgeKey, String raw) {
    java.time.Instant at = java.time.Instant.parse("2025-03-01T10:00:00Z");
    return new NewMessage(bridgeKey, "ubc", Direction.OUTBOUND, Protocol.ISO18626, MessageType.REQUEST,
        null, raw.getBytes(StandardCharsets.UTF_8), "request", false, at, at, "sent", List.of());
  }
}
