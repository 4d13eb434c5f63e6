package org.illbridge.store.internal;

import static org.illbridge.store.internal.StoreFixture.inbound;
import static org.illbridge.store.internal.StoreFixture.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.ConflictException;
import org.illbridge.api.store.TransactionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's counts (schema V6): running counts kept by the unit of work must always equal
 * what counting the rows gives, after creates, state changes, rollbacks, lost races, and after the
 * migration's backfill of an existing database.
 */
class DashboardCountsTest {
  @TempDir Path tmp;

  @Test
  void openCountsFollowCreatesStateChangesRollbacksAndLostRaces() throws Exception {
    try (StoreFixture f = new StoreFixture(tmp.resolve("db"))) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 40; i++) { // more than the 16 stripes
        String id = "r" + i;
        keys.add(f.store.inTransaction(uow -> uow.createTransaction(request(id, "home", "ubc")).bridgeKey()));
      }
      // One unit of work that creates two and changes one (locked first, as the engine does).
      f.store.inTransaction(uow -> {
        uow.createTransaction(request("x1", "home", "ubc"));
        uow.createTransaction(request("x2", "home", "ubc").withState(TransactionState.NEW));
        TransactionRecord t = uow.lockTransaction(keys.get(0)).orElseThrow();
        // two changes of one transaction in one unit
        t = uow.updateTransaction(t.withState(TransactionState.WILL_SUPPLY));
        return uow.updateTransaction(t.withState(TransactionState.SHIPPED));
      });
      for (int i = 1; i < 11; i++) { // updated from a record read outside the unit (no lock)
        TransactionRecord read = f.store.find(keys.get(i)).orElseThrow();
        f.store.inTransaction(uow -> uow.updateTransaction(read.withState(TransactionState.SHIPPED)));
      }
      for (int i = 11; i < 16; i++) { // to a terminal state: no longer open
        String key = keys.get(i);
        f.store.inTransaction(uow -> uow.updateTransaction(
            uow.lockTransaction(key).orElseThrow().withState(TransactionState.LOAN_COMPLETED)));
      }
      // Same state again: not counted twice.
      f.store.inTransaction(uow -> uow.updateTransaction(uow.lockTransaction(keys.get(20)).orElseThrow()));
      // Rolled back: neither the change nor the new transaction counts.
      assertThrows(IllegalStateException.class, () -> f.store.inTransaction(uow -> {
        uow.updateTransaction(uow.lockTransaction(keys.get(30)).orElseThrow().withState(TransactionState.OVERDUE));
        uow.createTransaction(request("gone", "home", "ubc"));
        throw new IllegalStateException("boom");
      }));
      // A stale record: the update loses (every retry too) and counts nothing.
      TransactionRecord stale = f.store.find(keys.get(31)).orElseThrow();
      f.store.inTransaction(uow -> uow.updateTransaction(stale.withState(TransactionState.RECEIVED)));
      assertThrows(ConflictException.class,
          () -> f.store.inTransaction(uow -> uow.updateTransaction(stale.withState(TransactionState.RETURNED))));

      Map<TransactionState, Long> expected = new EnumMap<>(TransactionState.class);
      expected.put(TransactionState.REQUESTED, 40L + 1 - 11 - 5 - 1); // 40 + x1, 11 shipped, 5 done, 1 received
      expected.put(TransactionState.NEW, 1L);
      expected.put(TransactionState.SHIPPED, 11L);
      expected.put(TransactionState.RECEIVED, 1L);
      assertEquals(expected, f.store.countOpenByState());
      assertEquals(counted(f.db.dataSource()), f.store.countOpenByState());
      assertEquals(5L, stateCountSum(f.db.dataSource(), "LOAN_COMPLETED"));
    }
  }

  @Test
  void messagesPerMinuteComeFromTheRunningCountsAndAgreeWithTheLog() throws Exception {
    try (StoreFixture f = new StoreFixture(tmp.resolve("db"))) {
      Instant start = f.clock.instant(); // 10:00:00, a whole minute
      for (int i = 0; i < 4; i++) { // 20 in minute 0, over every stripe, 5 per unit of work
        int unit = i;
        f.store.inTransaction(uow -> {
          for (int k = 0; k < 5; k++) {
            uow.logMessage(inbound("home", "m" + unit + "-" + k, "<m/>", start.plusSeconds(k)));
          }
          return null;
        });
      }
      f.store.inTransaction(uow -> uow.logMessage(inbound("home", "late", "<m/>", start.plusSeconds(3 * 60 + 59))));
      // A duplicate is not a new log row, a rolled-back one is not logged.
      f.store.inTransaction(uow -> uow.logMessage(inbound("home", "late", "<m/>", start.plusSeconds(3 * 60 + 59))));
      assertThrows(IllegalStateException.class, () -> f.store.inTransaction(uow -> {
        uow.logMessage(inbound("home", "rolled-back", "<m/>", start.plusSeconds(60)));
        throw new IllegalStateException("boom");
      }));

      assertArrayEquals(new long[] {20, 0, 0, 1, 0}, f.store.messagesPerMinute(start, 5));
      assertArrayEquals(new long[] {0, 0, 1, 0}, f.store.messagesPerMinute(start.plusSeconds(60), 4));
      // Not on a whole minute: counted from the log (minute i starts at 09:59:30 + i).
      assertArrayEquals(new long[] {20, 0, 0, 0, 1}, f.store.messagesPerMinute(start.minusSeconds(30), 5));
      // one unit at a time: all of them on the first stripe, one row for the minute
      assertEquals(1, f.count("MESSAGE_MINUTE WHERE EPOCH_MINUTE = " + start.toEpochMilli() / 60_000));

      // Nine days later the first message of a new minute prunes minutes older than 8 days.
      Instant later = start.plus(Duration.ofDays(9));
      f.store.inTransaction(uow -> {
        for (int k = 0; k < 8; k++) { // creates the minute's row of stripe 0
          uow.logMessage(inbound("home", "n" + k, "<m/>", later));
        }
        return null;
      });
      assertEquals(0, f.count("MESSAGE_MINUTE WHERE EPOCH_MINUTE < " + later.toEpochMilli() / 60_000));
      assertArrayEquals(new long[] {8}, f.store.messagesPerMinute(later, 1));
    }
  }

  @Test
  void countsStayExactWithUnitsOfWorkRunningAtOnce() throws Exception {
    try (StoreFixture f = new StoreFixture(tmp.resolve("db"))) {
      int threads = 12;
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 30; i++) {
            String id = thread + "-" + i;
            f.store.inTransaction(uow -> {
              uow.logMessage(inbound("home", "c" + id, "<m/>", uow.now()));
              TransactionRecord t1 = uow.createTransaction(request("c" + id, "home", "ubc"));
              if (id.hashCode() % 3 == 0) {
                uow.updateTransaction(t1.withState(TransactionState.SHIPPED));
              }
              return null;
            });
          }
          return null;
        }));
      }
      for (var d : done) {
        d.get(); // no deadlock, no failure
      }
      pool.shutdown();
      assertEquals(counted(f.db.dataSource()), f.store.countOpenByState());
      assertEquals(threads * 30L, f.store.countOpenByState().values().stream().mapToLong(Long::longValue).sum());
      assertArrayEquals(new long[] {threads * 30L}, f.store.messagesPerMinute(f.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES), 1));
    }
  }

  @Test
  void everyStateHasItsCountRows() throws Exception {
    try (StoreFixture f = new StoreFixture(tmp.resolve("db"))) {
      for (TransactionState s : TransactionState.values()) {
        assertEquals(JdbcUnitOfWork.STRIPES, f.count("TX_STATE_COUNT WHERE STATE = '" + s.name() + "'"), s.name());
      }
    }
  }

  @Test
  void aStateWithoutCountRowsGetsThemWhenATransactionFirstEntersIt() throws Exception {
    // a state added to the model after V6 has no rows: the first unit of work that needs one adds it
    try (StoreFixture f = new StoreFixture(tmp.resolve("db"));
        Connection c = f.db.dataSource().getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM TX_STATE_COUNT WHERE STATE IN ('OVERDUE', 'REQUESTED')");
      String key = f.store.inTransaction(uow -> uow.createTransaction(request("n1", "home", "ubc")).bridgeKey());
      f.store.inTransaction(uow -> uow.updateTransaction(
          uow.lockTransaction(key).orElseThrow().withState(TransactionState.OVERDUE)));
      f.store.inTransaction(uow -> uow.createTransaction(request("n2", "home", "ubc")));
      assertEquals(counted(f.db.dataSource()), f.store.countOpenByState());
      assertEquals(1L, f.store.countOpenByState().get(TransactionState.OVERDUE));
    }
  }

  @Test
  void migrationBackfillsTheCountsOfAnExistingDatabase() throws Exception {
    Path dir = tmp.resolve("old");
    EmbeddedDataSource ds = new EmbeddedDataSource();
    ds.setDatabaseName(dir.toString());
    ds.setCreateDatabase("create");
    assertEquals(5, new SchemaMigrator(upTo("V5__search_by_creation.sql")).migrate(ds));
    long now = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
    TransactionState[] states = {TransactionState.REQUESTED, TransactionState.SHIPPED,
        TransactionState.LOAN_COMPLETED, TransactionState.OVERDUE, TransactionState.REQUESTED};
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement tx = c.prepareStatement("INSERT INTO ILL_TRANSACTION (BRIDGE_KEY, STATE,"
          + " LENDER_POSITION, CREATED_AT, UPDATED_AT, VERSION) VALUES (?, ?, 0, ?, ?, 1)")) {
        for (int i = 0; i < 100; i++) {
          tx.setString(1, "IB-OLD-" + i);
          tx.setString(2, states[i % states.length].name());
          tx.setLong(3, now);
          tx.setLong(4, now);
          tx.executeUpdate();
        }
      }
      try (PreparedStatement m = c.prepareStatement("INSERT INTO MESSAGE_LOG (DIRECTION, PROTOCOL, RAW,"
          + " RAW_SIZE, CONTAINS_PATRON, REDACTED, LOGGED_AT, DUPLICATE_COUNT)"
          + " VALUES ('INBOUND', 'ISO18626', ?, 1, FALSE, FALSE, ?, 0)")) {
        for (int i = 0; i < 50; i++) { // minutes 0..9 before now, 5 each
          m.setBytes(1, new byte[] {1});
          m.setLong(2, now - (i % 10) * 60_000L - 1);
          m.executeUpdate();
        }
        m.setBytes(1, new byte[] {1});
        m.setLong(2, now - Duration.ofDays(30).toMillis()); // outside the backfilled 8 days
        m.executeUpdate();
      }
    }
    try (DerbyDatabase db = DerbyDatabase.open(dir)) { // migrates to V6 on opening
      JdbcTransactionStore store = new JdbcTransactionStore(db.dataSource(), new MutableClock(Instant.ofEpochMilli(now)));
      assertEquals(Map.of(TransactionState.REQUESTED, 40L, TransactionState.SHIPPED, 20L,
          TransactionState.OVERDUE, 20L), store.countOpenByState());
      assertEquals(counted(db.dataSource()), store.countOpenByState());
      assertEquals(20L, stateCountSum(db.dataSource(), "LOAN_COMPLETED"));
      long[] perMinute = store.messagesPerMinute(Instant.ofEpochMilli(now - 10 * 60_000L), 10);
      assertArrayEquals(new long[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, perMinute);
      try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT SUM(N) FROM MESSAGE_MINUTE")) {
        rs.next();
        assertEquals(10 * 5, rs.getLong(1)); // the message 30 days old is not backfilled
      }
      // and it goes on counting from there
      store.inTransaction(uow -> uow.updateTransaction(
          uow.lockTransaction("IB-OLD-3").orElseThrow().withState(TransactionState.RECEIVED)));
      assertEquals(Map.of(TransactionState.REQUESTED, 40L, TransactionState.SHIPPED, 20L,
          TransactionState.OVERDUE, 19L, TransactionState.RECEIVED, 1L), store.countOpenByState());
    }
  }

  /** The migration list cut after {@code last}: an older release's schema. */
  private static ClassLoader upTo(String last) {
    ClassLoader parent = DashboardCountsTest.class.getClassLoader();
    return new ClassLoader(parent) {
      @Override
      public InputStream getResourceAsStream(String name) {
        if (!name.endsWith("migrations.txt")) {
          return parent.getResourceAsStream(name);
        }
        try (InputStream in = parent.getResourceAsStream(name)) {
          String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          String cut = list.substring(0, list.indexOf(last) + last.length()) + "\n";
          return new ByteArrayInputStream(cut.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /** Open transactions per state, counted from the transaction rows themselves. */
  private static Map<TransactionState, Long> counted(DataSource ds) throws SQLException {
    Map<TransactionState, Long> counts = new EnumMap<>(TransactionState.class);
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT STATE, COUNT(*) FROM ILL_TRANSACTION GROUP BY STATE")) {
      while (rs.next()) {
        TransactionState s = TransactionState.valueOf(rs.getString(1));
        if (!s.isTerminal()) {
          counts.put(s, rs.getLong(2));
        }
      }
    }
    return counts;
  }

  private static long stateCountSum(DataSource ds, String state) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT SUM(N) FROM TX_STATE_COUNT WHERE STATE = ?")) {
      ps.setString(1, state);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
