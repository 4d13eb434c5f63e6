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
    assertReadFromIndexWithoutSort("IX_TX_SUP_PARTNER_STATE");
    // The next page starts after the cursor, still without a sort.
    store.search(new TransactionQuery(null, "lender-1", Set.of(TransactionState.SHIPPED), null, null,
        PAGE, page.nextCursor()));
    assertReadFromIndexWithoutSort("IX_TX_SUP_PARTNER_STATE");
  }

  @Test
  void partnerAloneStateAloneAndNoFilterAreReadInPageOrder() {
    store.search(new TransactionQuery(null, "lender-2", null, null, null, PAGE, null));
    assertReadFromIndexWithoutSort("IX_TX_SUP_PARTNER_ID");
    store.search(new TransactionQuery(null, null, Set.of(TransactionState.LOAN_COMPLETED), null, null, PAGE, null));
    assertReadFromIndexWithoutSort("IX_TX_STATE_ID");
    var all = store.search(TransactionQuery.all(PAGE));
    assertReadFromIndexWithoutSort("IX_TX_ID_DESC");
    assertEquals("IB-PLAN-" + (ROWS - 1), all.items().get(0).bridgeKey());
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
