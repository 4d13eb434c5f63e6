package org.illbridge.console.internal.pages.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.OutboxQuery;
import org.illbridge.console.internal.pages.AuditPage;
import org.illbridge.console.internal.pages.DashboardPage;
import org.illbridge.console.internal.pages.Fakes;
import org.illbridge.console.internal.pages.TransactionsPage;
import org.illbridge.store.bench.StoreLoad;
import org.illbridge.store.internal.DerbyDatabase;
import org.illbridge.store.internal.JdbcOutbox;
import org.illbridge.store.internal.JdbcPartnerDirectory;
import org.illbridge.store.internal.JdbcTransactionStore;

/**
 * Server-side render time of the console pages over a Derby store loaded with many transactions
 * and messages (a load loop, not JMH: the interesting cost is the store's queries). Not a test;
 * run with {@code -Pbench-pages}. Prints p50/p95/p99 per page and writes target/console-bench.txt.
 */
public final class ConsolePagesLoad {
  static final TransactionState[] STATES = StoreLoad.STATES;

  static final long BASE = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  public static void main(String[] args) throws Exception {
    int total = Integer.getInteger("bench.transactions", 100_000);
    int messages = Integer.getInteger("bench.messages", 100_000);
    int n = Integer.getInteger("bench.iterations", 200); // timed renders per page (after n/10 warm-up)
    Path dir = Path.of(System.getProperty("bench.dir", "target/console-bench"));
    StringBuilder report = new StringBuilder();
    boolean fresh = !Files.exists(dir.resolve("db"));
    long opening = System.nanoTime();
    DerbyDatabase db = DerbyDatabase.open(dir.resolve("db")); // applies any new schema migration
    report.append(String.format("opened %s (with any schema migration) in %.1f s%n", dir, (System.nanoTime() - opening) / 1e9));
    System.out.print(report);
    try {
      Clock clock = Clock.systemUTC();
      if (fresh) {
        load(db, total, messages, report);
      } else {
        report.append("reusing the database loaded earlier in ").append(dir).append('\n');
      }
      JdbcTransactionStore store = new JdbcTransactionStore(db.dataSource(), clock);
      JdbcPartnerDirectory directory = new JdbcPartnerDirectory(db.dataSource(), clock);
      JdbcOutbox outbox = new JdbcOutbox(db.dataSource(), clock);
      TransactionsPage tx = new TransactionsPage(store, directory, outbox);
      ThreadLocalRandom r = ThreadLocalRandom.current();
      if ("dashboard".equals(System.getProperty("bench.only"))) { // -Dbench.only=dashboard
        dashboard(report, store, outbox, n);
        return;
      }
      measure(report, "transactions page (first page of 50, no filter)", n, i -> {
        render(tx, new Fakes.Request());
        return null;
      });
      measure(report, "search by any id (requester or supplier tx id)", n, i -> {
        render(tx, new Fakes.Request().param("q", "REQ-" + r.nextInt(total)));
        return null;
      });
      measure(report, "search by partner + state", n, i -> {
        render(tx, new Fakes.Request().param("partner", "lender-" + r.nextInt(200))
            .param("state", STATES[r.nextInt(STATES.length)].name()));
        return null;
      });
      measure(report, "search by creation date range (one day)", n, i -> {
        render(tx, new Fakes.Request().param("from", "2024-01-02").param("to", "2024-01-02"));
        return null;
      });
      measure(report, "search by state + creation date (one day, 2024-01-02)", n, i -> {
        render(tx, new Fakes.Request().param("state", STATES[r.nextInt(STATES.length)].name())
            .param("from", "2024-01-02").param("to", "2024-01-02"));
        return null;
      });
      measure(report, "search by partner + creation date (one day, 2024-01-02)", n, i -> {
        render(tx, new Fakes.Request().param("partner", "lender-" + r.nextInt(200))
            .param("from", "2024-01-02").param("to", "2024-01-02"));
        return null;
      });
      measure(report, "search by the partner on every row (home)", n, i -> {
        Fakes.Request first = new Fakes.Request().param("partner", "home");
        render(tx, first);
        return null;
      });
      measure(report, "search by creation date, a later page (cursor)", n, i -> {
        int k = total / 2 + r.nextInt(total / 4);
        // The cursor of a page that ends at transaction k (created base + k s, row id k + 1).
        render(tx, new Fakes.Request().param("from", "2024-01-01")
            .param("cursor", (BASE + k * 1000L) + "." + (k + 1)));
        return null;
      });
      measure(report, "one transaction (timeline of its messages)", n, i -> {
        render(tx, new Fakes.Request().param("tx", "IB-BENCH-" + r.nextInt(Math.min(total, messages / 2))));
        return null;
      });
      // What the transaction page's time is made of: each store call it makes, alone.
      int withMessages = Math.max(1, Math.min(total, messages / 2));
      measure(report, "  one transaction: store.find(key)", n, i -> {
        store.find("IB-BENCH-" + r.nextInt(withMessages));
        return null;
      });
      measure(report, "  one transaction: store.messages(key)", n, i -> {
        store.messages("IB-BENCH-" + r.nextInt(withMessages));
        return null;
      });
      measure(report, "  one transaction: store.rawMessage(id) for each message", n, i -> {
        for (var m : store.messages("IB-BENCH-" + r.nextInt(withMessages))) {
          store.rawMessage(m.id());
        }
        return null;
      });
      measure(report, "  one transaction: outbox.list(bridge key)", n, i -> {
        outbox.list(new OutboxQuery(null, null, "IB-BENCH-" + r.nextInt(withMessages), 100, null));
        return null;
      });
      measure(report, "  one transaction: store.audit(bridge key)", n, i -> {
        store.audit("IB-BENCH-" + r.nextInt(withMessages), null, 50, null);
        return null;
      });
      dashboard(report, store, outbox, n);
      measure(report, "audit log page", n, i -> {
        render(new AuditPage(store), new Fakes.Request());
        return null;
      });
    } finally {
      db.close();
      Files.writeString(dir.getParent().resolve("console-bench.txt"), report);
    }
  }

  private static void render(org.apache.felix.webconsole.servlet.AbstractServlet page, Fakes.Request request) {
    try {
      String html = Fakes.render(page, request);
      if (html.contains("illbridge-error'")) {
        throw new IllegalStateException("page failed: " + html);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void measure(StringBuilder report, String what, int n, IntFunction<?> run) {
    for (int i = 0; i < Math.max(5, n / 10); i++) {
      run.apply(i); // warm up
    }
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      run.apply(i);
      t[i] = System.nanoTime() - t0;
    }
    Arrays.sort(t);
    String line = String.format("%-62s n=%4d  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms%n", what, n,
        t[n / 2] / 1e6, t[(int) (n * 0.95)] / 1e6, t[Math.min(n - 1, (int) (n * 0.99))] / 1e6);
    report.append(line);
    System.out.print(line); // as it comes: a long run that fails late still shows what it measured
    System.out.flush();
  }

  /** Bulk rows with batched JDBC, as the store's own benchmark loads them. */
  /** The dashboard's store calls alone, then the page cached and not cached. */
  static void dashboard(StringBuilder report, JdbcTransactionStore store, JdbcOutbox outbox, int n)
      throws Exception {
    measure(report, "  dashboard: store.messagesPerMinute(24 h)", 10, i -> {
      // as the dashboard asks: the 24 hours of whole minutes up to now
      store.messagesPerMinute(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
          .minusSeconds(86_400 - 60), 24 * 60);
      return null;
    });
    measure(report, "  dashboard: store.countOpenByState()", 10, i -> {
      store.countOpenByState();
      return null;
    });
    measure(report, "  dashboard: outbox.countByStatus()", 10, i -> {
      outbox.countByStatus();
      return null;
    });
    DashboardPage cachedDashboard = new DashboardPage(store, outbox);
    measure(report, "dashboard, cached (as a busy console sees it)", n, i -> {
      render(cachedDashboard, new Fakes.Request());
      return null;
    });
    measure(report, "dashboard, uncached (all its store calls)", 10, i -> {
      render(new DashboardPage(store, outbox), new Fakes.Request());
      return null;
    });
  }

  static void load(DerbyDatabase db, int total, int messages, StringBuilder report) throws Exception {
    long start = System.nanoTime();
    long base = BASE;
    long now = System.currentTimeMillis();
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      StoreLoad.insertTransactions(c, total, base); // the store benchmark's rows
      // Two messages per transaction for the first messages/2 transactions, spread over the last 24 h.
      byte[] raw = ("<ISO18626Message><request>" + "x".repeat(900) + "</request></ISO18626Message>").getBytes();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO MESSAGE_LOG (TX_ID, PARTNER_KEY, DIRECTION, PROTOCOL,"
          + " MESSAGE_TYPE, RAW, RAW_SIZE, SUMMARY, CONTAINS_PATRON, REDACTED, LOGGED_AT, RESULT, DUPLICATE_COUNT)"
          + " VALUES ((SELECT ID FROM ILL_TRANSACTION WHERE BRIDGE_KEY = ?), 'home', ?, 'ISO18626', ?, ?, ?, 'bench', FALSE,"
          + " FALSE, ?, 'accepted', 0)")) {
        for (int i = 0; i < messages; i++) {
          ps.setString(1, "IB-BENCH-" + (i / 2));
          ps.setString(2, i % 2 == 0 ? "INBOUND" : "OUTBOUND");
          ps.setString(3, i % 2 == 0 ? "REQUEST" : "WILL_SUPPLY");
          ps.setBytes(4, raw);
          ps.setInt(5, raw.length);
          ps.setLong(6, now - 86_400_000L + (long) i * 86_400_000L / messages);
          ps.addBatch();
          if (i % 1000 == 999) {
            ps.executeBatch();
          }
          if (i % 20000 == 19999) {
            c.commit();
          }
        }
        ps.executeBatch();
        c.commit();
      }
      // The outbox keeps its delivered rows: one per outgoing message, as a running server leaves them.
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO OUTBOX (TX_ID, ORDERING_KEY, PARTNER_KEY, MESSAGE_TYPE,"
          + " CONTENT_TYPE, PAYLOAD, CONTAINS_PATRON, REDACTED, STATUS, ATTEMPTS, CREATED_AT, QUEUED_AT, NEXT_ATTEMPT_AT,"
          + " DELIVERED_AT) VALUES ((SELECT ID FROM ILL_TRANSACTION WHERE BRIDGE_KEY = ?), ?, 'home', 'WILL_SUPPLY',"
          + " 'application/xml', ?, FALSE, FALSE, 'DELIVERED', 1, ?, ?, ?, ?)")) {
        for (int i = 0; i < messages / 2; i++) {
          long at = now - 86_400_000L + (long) (2 * i + 1) * 86_400_000L / messages;
          ps.setString(1, "IB-BENCH-" + i);
          ps.setString(2, "IB-BENCH-" + i + "|home");
          ps.setBytes(3, raw);
          ps.setLong(4, at);
          ps.setLong(5, at);
          ps.setLong(6, at);
          ps.setLong(7, at);
          ps.addBatch();
          if (i % 1000 == 999) {
            ps.executeBatch();
          }
          if (i % 20000 == 19999) {
            c.commit();
          }
        }
        ps.executeBatch();
        c.commit();
      }
    }
    try (Connection c = db.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
      // The rows above bypass the unit of work, which keeps the dashboard's running counts (store
      // V6): count them as V6's backfill does.
      st.executeUpdate("DELETE FROM TX_STATE_COUNT");
      st.executeUpdate("INSERT INTO TX_STATE_COUNT (STATE, STRIPE, N) SELECT STATE, MOD(ID, 16), COUNT(*)"
          + " FROM ILL_TRANSACTION GROUP BY STATE, MOD(ID, 16)");
      for (TransactionState state : TransactionState.values()) {
        for (int stripe = 0; stripe < 16; stripe++) {
          st.executeUpdate("INSERT INTO TX_STATE_COUNT (STATE, STRIPE, N) SELECT '" + state.name() + "', " + stripe
              + ", 0 FROM SYSIBM.SYSDUMMY1 WHERE NOT EXISTS (SELECT 1 FROM TX_STATE_COUNT WHERE STATE = '"
              + state.name() + "' AND STRIPE = " + stripe + ")");
        }
      }
      st.executeUpdate("DELETE FROM MESSAGE_MINUTE");
      st.executeUpdate("INSERT INTO MESSAGE_MINUTE (EPOCH_MINUTE, STRIPE, N) SELECT LOGGED_AT / 60000, MOD(ID, 8),"
          + " COUNT(*) FROM MESSAGE_LOG GROUP BY LOGGED_AT / 60000, MOD(ID, 8)");
    }
    double s = (System.nanoTime() - start) / 1e9;
    report.append(String.format("loaded %d transactions, %d messages and %d delivered outbox rows in %.0f s (batched JDBC)%n",
        total, messages, messages / 2, s));
  }
}
