package org.illbridge.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.TransactionQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches read a page straight from an index in newest-first order: Derby neither sorts nor
 * visits more index rows than the page needs, however many rows match. Checked on Derby's own
 * runtime statistics of the last statement a search ran, so a schema or query change that brings
 * the sort back fails here rather than only in the benchmark.
 */
class SearchPlanTest {
  private static final int ROWS = 600;
  private static final int PAGE = 20;

  @TempDir Path tmp;
  private DerbyDatabase db;
  private final List<String> plans = new ArrayList<>();
  private JdbcTransactionStore store;

  @BeforeEach
  void load() throws Exception {
    db = DerbyDatabase.open(tmp.resolve("db"));
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO ILL_TRANSACTION (BRIDGE_KEY, STATE,"
          + " REQ_PARTNER, SUP_PARTNER, LENDER_POSITION, CREATED_AT, UPDATED_AT, VERSION)"
          + " VALUES (?, ?, 'home', ?, 0, ?, ?, 1)")) {
        for (int i = 0; i < ROWS; i++) {
          ps.setString(1, "IB-PLAN-" + i);
          ps.setString(2, (i % 2 == 0 ? TransactionState.SHIPPED : TransactionState.LOAN_COMPLETED).name());
          ps.setString(3, "lender-" + (i % 3));
          ps.setLong(4, 1_000_000L + i);
          ps.setLong(5, 1_000_000L + i);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    }
    store = new JdbcTransactionStore(recording(db.dataSource()), java.time.Clock.systemUTC());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void partnerAndStateIsReadInPageOrderFromTheCompositeIndex() {
    var page = store.search(new TransactionQuery(null, "lender-1", Set.of(TransactionState.SHIPPED),
        null, null, PAGE, null));
    assertEquals(PAGE, page.items().size());
    assertTrue(page.items().stream().allMatch(t -> t.state() == TransactionState.SHIPPED
        && "lender-1".equals(t.supplier().partnerKey())));
    assertReadFromIndexWithoutSort("IX_TX_SUP_PARTNER_STATE_CREATED");
    // The next page starts after the cursor, still without a sort.
    store.search(new TransactionQuery(null, "lender-1", Set.of(TransactionState.SHIPPED), null, null,
        PAGE, page.nextCursor()));
    assertReadFromIndexWithoutSort("IX_TX_SUP_PARTNER_STATE_CREATED");
  }

  @Test
  void partnerAloneStateAloneAndNoFilterAreReadInPageOrder() {
    store.search(new TransactionQuery(null, "lender-2", null, null, null, PAGE, null));
    assertReadFromIndexWithoutSort("IX_TX_SUP_PARTNER_CREATED");
    store.search(new TransactionQuery(null, null, Set.of(TransactionState.LOAN_COMPLETED), null, null, PAGE, null));
    assertReadFromIndexWithoutSort("IX_TX_STATE_CREATED");
    var all = store.search(TransactionQuery.all(PAGE));
    assertReadFromIndexWithoutSort("IX_TX_CREATED_ID");
    assertEquals("IB-PLAN-" + (ROWS - 1), all.items().get(0).bridgeKey());
  }

  @Test
  void anOldDateRangeIsAnIndexRangeAloneOrAfterPartnerAndState() {
    // Created at 1_000_000 + i: the range [100, 300) lies under 300 newer rows, which the V2
    // indexes (ending in ID DESC) walked through before reaching it.
    Instant from = Instant.ofEpochMilli(1_000_100L);
    Instant before = Instant.ofEpochMilli(1_000_300L);
    var alone = store.search(new TransactionQuery(null, null, null, from, before, PAGE, null));
    assertReadFromIndexWithoutSort("IX_TX_CREATED_ID");
    assertEquals("IB-PLAN-299", alone.items().get(0).bridgeKey());
    var second = store.search(new TransactionQuery(null, null, null, from, before, PAGE, alone.nextCursor()));
    assertReadFromIndexWithoutSort("IX_TX_CREATED_ID");
    assertEquals("IB-PLAN-" + (299 - PAGE), second.items().get(0).bridgeKey());
    store.search(new TransactionQuery(null, null, Set.of(TransactionState.SHIPPED), from, before, PAGE, null));
    assertReadFromIndexWithoutSort("IX_TX_STATE_CREATED");
    var partnerState = store.search(new TransactionQuery(null, "lender-1", Set.of(TransactionState.SHIPPED),
        from, before, PAGE, null));
    assertReadFromIndexWithoutSort("IX_TX_SUP_PARTNER_STATE_CREATED");
    assertTrue(partnerState.items().stream().allMatch(t -> !t.createdAt().isBefore(from) && t.createdAt().isBefore(before)
        && t.state() == TransactionState.SHIPPED && "lender-1".equals(t.supplier().partnerKey())));
    store.search(new TransactionQuery(null, "lender-2", null, from, before, PAGE, null));
    assertReadFromIndexWithoutSort("IX_TX_SUP_PARTNER_CREATED");
  }

  @Test
  void anyIdIsAnExactLookupNotAScan() {
    var page = store.search(new TransactionQuery("IB-PLAN-123", null, null, null, null, PAGE, null));
    assertEquals(List.of("IB-PLAN-123"), page.items().stream().map(t -> t.bridgeKey()).toList());
    String plan = plans.get(plans.size() - 1);
    assertFalse(plan.contains("Table Scan ResultSet"), plan);
    assertFalse(plan.contains("IX_TX_CREATED_ID"), plan);
  }

  @Test
  void pagesFollowCreationTimeThenRowIdAcrossTies() throws Exception {
    // Rows whose creation times are out of row-id order and shared by several rows (same millisecond).
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO ILL_TRANSACTION (BRIDGE_KEY, STATE, REQ_PARTNER,"
            + " SUP_PARTNER, LENDER_POSITION, CREATED_AT, UPDATED_AT, VERSION) VALUES (?, 'SHIPPED', 'home', 'tie', 0, ?, ?, 1)")) {
      for (int i = 0; i < 47; i++) {
        ps.setString(1, "IB-TIE-" + i);
        ps.setLong(2, 5_000_000L - (i % 7) * 10L);
        ps.setLong(3, 0);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    List<long[]> expected = new ArrayList<>(); // {created, index}: created descending, then insertion (row id) descending
    for (int i = 46; i >= 0; i--) {
      expected.add(new long[] {5_000_000L - (i % 7) * 10L, i});
    }
    expected.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(b[1], a[1]));
    List<String> want = expected.stream().map(e -> "IB-TIE-" + e[1]).toList();
    for (TransactionQuery q : List.of(new TransactionQuery(null, "tie", null, null, null, 4, null),
        new TransactionQuery(null, null, null, Instant.ofEpochMilli(4_000_000L), null, 4, null))) {
      List<String> got = new ArrayList<>();
      var page = store.search(q);
      while (true) {
        page.items().forEach(t -> got.add(t.bridgeKey()));
        if (!page.hasMore()) {
          break;
        }
        page = store.search(q.next(page.nextCursor()));
      }
      assertEquals(want, got, "for " + q);
    }
  }

  @Test
  void aTransactionsMessagesAreReadFromItsIndexRangeNotByScanningTheLog() throws Exception {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO MESSAGE_LOG (TX_ID, PARTNER_KEY, DIRECTION,"
            + " PROTOCOL, RAW, RAW_SIZE, CONTAINS_PATRON, REDACTED, LOGGED_AT, DUPLICATE_COUNT)"
            + " VALUES ((SELECT ID FROM ILL_TRANSACTION WHERE BRIDGE_KEY = ?), 'lender-1', 'INBOUND',"
            + " 'ISO18626', ?, 1, FALSE, FALSE, ?, 0)")) {
      for (int i = 0; i < ROWS; i++) {
        ps.setString(1, "IB-PLAN-" + (i % 50));
        ps.setBytes(2, new byte[] {1});
        ps.setLong(3, 2_000_000L + i);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    assertEquals(ROWS / 50, store.messages("IB-PLAN-7").size());
    String plan = plans.get(plans.size() - 1);
    assertFalse(plan.contains("Table Scan ResultSet for MESSAGE_LOG"), plan);
    assertTrue(plan.contains("Number of rows visited=" + (ROWS / 50 + 1)) || plan.contains("Number of rows visited="
        + ROWS / 50), () -> "the message log index range is the transaction's rows:\n" + plan);
  }

  @Test
  void aTransactionsOutboxRowsAreReadFromItsIndexRangeNotByScanningTheOutbox() throws Exception {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO OUTBOX (TX_ID, ORDERING_KEY, PARTNER_KEY,"
            + " MESSAGE_TYPE, CONTENT_TYPE, PAYLOAD, CONTAINS_PATRON, REDACTED, STATUS, ATTEMPTS,"
            + " CREATED_AT, QUEUED_AT, NEXT_ATTEMPT_AT) VALUES ((SELECT ID FROM ILL_TRANSACTION"
            + " WHERE BRIDGE_KEY = ?), ?, 'lender-1', 'REQUEST', 'text/plain', ?, FALSE, FALSE,"
            + " 'DELIVERED', 1, 0, 0, 0)")) {
      for (int i = 0; i < ROWS; i++) {
        ps.setString(1, "IB-PLAN-" + (i % 50));
        ps.setString(2, "k" + (i % 50));
        ps.setBytes(3, new byte[] {1});
        ps.addBatch();
      }
      ps.executeBatch();
    }
    JdbcOutbox outbox = new JdbcOutbox(recording(db.dataSource()), java.time.Clock.systemUTC());
    int perTx = ROWS / 50;
    var first = outbox.list(new org.illbridge.api.store.OutboxQuery(null, null, "IB-PLAN-7", 5, null));
    String plan = plans.get(plans.size() - 1);
    assertFalse(plan.contains("Table Scan ResultSet for OUTBOX"), plan);
    Matcher m = Pattern.compile("Number of rows visited=(\\d+)").matcher(plan);
    assertTrue(m.find(), plan);
    int visited = Integer.parseInt(m.group(1));
    assertTrue(visited <= perTx + 1, () -> "visited " + visited + " rows for a transaction's " + perTx + ":\n" + plan);
    // newest first, across pages
    List<Long> ids = new ArrayList<>();
    var page = first;
    while (true) {
      page.items().forEach(i -> ids.add(i.id()));
      if (!page.hasMore()) {
        break;
      }
      page = outbox.list(new org.illbridge.api.store.OutboxQuery(null, null, "IB-PLAN-7", 5, page.nextCursor()));
    }
    assertEquals(perTx, ids.size());
    List<Long> sorted = new ArrayList<>(ids);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, ids);
  }

  @Test
  void aLoggedMessageAndAnOutboxRowWriteOnlyTheIndexesTheirReadsUse() throws Exception {
    // V8: the transaction's messages and outbox rows are found by the foreign key's index on TX_ID
    // alone. Derby does not create an index on the same columns as an existing one (warning
    // 01504), so IX_MESSAGE_TX_ID and IX_OUTBOX_TX are that index here; PostgreSQL gets them.
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT g.CONGLOMERATENAME, g.CONGLOMERATENUMBER"
            + " FROM SYS.SYSCONGLOMERATES g JOIN SYS.SYSTABLES t ON t.TABLEID = g.TABLEID"
            + " WHERE t.TABLENAME = ? AND g.ISINDEX")) {
      for (String table : List.of("MESSAGE_LOG", "OUTBOX")) {
        ps.setString(1, table);
        java.util.Map<String, Long> byName = new java.util.HashMap<>();
        java.util.Set<Long> btrees = new java.util.HashSet<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byName.put(rs.getString(1), rs.getLong(2));
            btrees.add(rs.getLong(2));
          }
        }
        assertFalse(byName.containsKey("IX_MESSAGE_TX") || byName.containsKey("IX_OUTBOX_TX_ID"),
            byName::toString);
        // MESSAGE_LOG: primary key, foreign key, dedupe key, IX_MESSAGE_LOGGED; OUTBOX: primary
        // key, foreign key, IX_OUTBOX_DUE, IX_OUTBOX_ORDER, IX_OUTBOX_PARTNER.
        assertEquals(table.equals("OUTBOX") ? 5 : 4, btrees.size(), () -> "B-trees of " + table + ": " + byName);
      }
    }
  }

  private void assertReadFromIndexWithoutSort(String index) {
    String plan = plans.get(plans.size() - 1);
    assertTrue(plan.contains("using index " + index), () -> "expected a scan of " + index + ":\n" + plan);
    assertFalse(plan.contains("Sort ResultSet"), () -> "the search sorted its rows:\n" + plan);
    Matcher m = Pattern.compile("Number of rows visited=(\\d+)").matcher(plan);
    assertTrue(m.find(), plan);
    int visited = Integer.parseInt(m.group(1));
    assertTrue(visited <= PAGE + 2, () -> "visited " + visited + " index rows for a page of " + PAGE + ":\n" + plan);
  }

  /** Turns Derby's runtime statistics on for each connection and keeps the last plan at close. */
  private DataSource recording(DataSource ds) {
    return new DataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        Connection c = ds.getConnection();
        try (CallableStatement cs = c.prepareCall("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)")) {
          cs.execute();
        }
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
                  rs.next();
                  plans.add(rs.getString(1));
                }
              }
              try {
                return method.invoke(c, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
      }

      @Override
      public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
      }

      @Override
      public PrintWriter getLogWriter() {
        return null;
      }

      @Override
      public void setLogWriter(PrintWriter out) {}

      @Override
      public void setLoginTimeout(int seconds) {}

      @Override
      public int getLoginTimeout() {
        return 0;
      }

      @Override
      public Logger getParentLogger() {
        return Logger.getGlobal();
      }

      @Override
      public <T> T unwrap(Class<T> iface) throws SQLException {
        return ds.unwrap(iface);
      }

      @Override
      public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return ds.isWrapperFor(iface);
      }
    };
  }
}
