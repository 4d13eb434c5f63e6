package org.illbridge.store.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.NewMessage;
import org.illbridge.api.store.NewOutboxItem;
import org.illbridge.api.store.TransactionQuery;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.store.TransactionSide;
import org.illbridge.store.internal.DerbyDatabase;
import org.illbridge.store.internal.JdbcTransactionStore;

/**
 * Load loop for the store (not a test; run with {@code -Pbench}, see the README):
 *
 * <ol>
 *   <li>durable message cycles: each cycle is one unit of work that logs a ~1 KB inbound message
 *       (with dedupe key), creates or updates its transaction and enqueues one outbox row, committed
 *       with Derby's default durable log sync;
 *   <li>search latency with many transactions loaded: by id and by partner + state (page of 50).
 * </ol>
 *
 * Arguments (system properties): {@code bench.dir}, {@code bench.threads} (4), {@code
 * bench.seconds} (20), {@code bench.warmup} (15 s), {@code bench.transactions} (1000000, 0 for the
 * message cycles only), {@code bench.searches} (2000).
 */
public final class StoreLoad {
  public static final TransactionState[] STATES = {TransactionState.REQUESTED,
    TransactionState.SHIPPED, TransactionState.RECEIVED, TransactionState.LOAN_COMPLETED,
    TransactionState.UNFILLED, TransactionState.WILL_SUPPLY};

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(System.getProperty("bench.dir", "target/bench-db"));
    int threads = Integer.getInteger("bench.threads", 4);
    int seconds = Integer.getInteger("bench.seconds", 20);
    int total = Integer.getInteger("bench.transactions", 1_000_000);
    int searches = Integer.getInteger("bench.searches", 2000);
    deleteTree(dir);
    StringBuilder report = new StringBuilder();
    try (DerbyDatabase db = DerbyDatabase.open(dir)) {
      JdbcTransactionStore store = new JdbcTransactionStore(db.dataSource(), Clock.systemUTC());
      if (total > 0) { // bench.transactions=0: message cycles only, on an empty database
        // Loaded first, so that the message cycles also run against a full transaction table.
        if (Boolean.parseBoolean(System.getProperty("bench.import", "true"))) {
          importTransactions(db, total, report);
        } else {
          load(db, total, report);
        }
      }
      // Derby is a lot of code for the JIT: a short warm-up measured compilation, not the store.
      cycles(store, threads, Integer.getInteger("bench.warmup", 15), report, true);
      cycles(store, threads, seconds, report, false);
      if (total > 0) {
        search(store, searches, total, report);
      }
    }
    report.append(String.format("database directory size: %.1f MB%n", size(dir) / 1e6));
    System.out.print(report);
    Files.writeString(Path.of("target/store-bench.txt"), report);
  }

  static void cycles(JdbcTransactionStore store, int threads, int seconds, StringBuilder report,
      boolean warmup) throws Exception {
    byte[] raw = new byte[1024];
    Arrays.fill(raw, (byte) 'x');
    AtomicLong done = new AtomicLong();
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> fs = new ArrayList<>();
    String run = Long.toString(System.nanoTime(), 36);
    for (int t = 0; t < threads; t++) {
      int thread = t;
      fs.add(pool.submit(() -> {
        long n = 0;
        String current = null;
        while (System.nanoTime() < end) {
          String dedupe = run + "-" + thread + "-" + n;
          boolean first = n % 4 == 0; // a request, then three follow-up messages on the transaction
          String key = current;
          current = store.inTransaction(uow -> {
            var logged = uow.logMessage(new NewMessage(null, "partner-" + thread, Direction.INBOUND,
                Protocol.ISO18626, first ? MessageType.REQUEST : MessageType.SHIPPED, dedupe, raw,
                "summary", false, uow.now(), uow.now(), null, List.of()));
            TransactionRecord tx;
            if (first) {
              tx = uow.createTransaction(TransactionRecord.newTransaction(null,
                  new TransactionSide("home", null, "REQ-" + dedupe, null),
                  new TransactionSide("partner-" + thread, null, null, null),
                  TransactionState.REQUESTED, ServiceType.LOAN, "Title / Author", List.of("partner-" + thread)));
            } else {
              tx = uow.updateTransaction(uow.lockTransaction(key).orElseThrow()
                  .withState(TransactionState.SHIPPED));
            }
            uow.setMessageResult(logged.messageId(), tx.bridgeKey(), "accepted", null);
            uow.enqueue(new NewOutboxItem(tx.bridgeKey(), "home", null, MessageType.SHIPPED,
                "application/json", raw, false, null, null));
            return tx.bridgeKey();
          });
          n++;
          done.incrementAndGet();
        }
        return null;
      }));
    }
    try {
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    if (!warmup) {
      // CPU per cycle is the steadier figure on a shared machine: msg/s moves with other load.
      double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / done.get();
      report.append(String.format("durable message cycles: %d threads, %d s: %d cycles, %.0f msg/s,"
          + " %.2f ms CPU per cycle, machine load average %.1f"
          + " (each: inbound message logged + transaction created/updated + outbox row, one commit)%n",
          threads, seconds, done.get(), done.get() / (double) seconds, cpuMs, os.getSystemLoadAverage()));
    }
  }

  /**
   * Inserts {@code total} bench transactions by batched JDBC, committing as it goes: 200 lenders,
   * the {@link #STATES} in turn, every other one with a supplier id, created one second apart
   * from {@code base} (epoch millis). Shared with the console's page benchmark.
   */
  public static void insertTransactions(Connection c, int total, long base) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ILL_TRANSACTION (BRIDGE_KEY, STATE,"
        + " SERVICE_TYPE, REQ_PARTNER, REQ_REQ_TXID, SUP_PARTNER, SUP_REQ_TXID, SUP_SUP_TXID,"
        + " ITEM_SUMMARY, LENDERS, LENDER_POSITION, CREATED_AT, UPDATED_AT, VERSION)"
        + " VALUES (?, ?, 'LOAN', 'home', ?, ?, ?, ?, ?, ?, 0, ?, ?, 1)")) {
      for (int i = 0; i < total; i++) {
        String partner = "lender-" + (i % 200);
        ps.setString(1, "IB-BENCH-" + i);
        ps.setString(2, STATES[i % STATES.length].name());
        ps.setString(3, "REQ-" + i);
        ps.setString(4, partner);
        ps.setString(5, "BR-" + i);
        ps.setString(6, i % 2 == 0 ? "SUP-" + i : null);
        ps.setString(7, "A fairly ordinary book title number " + i + " / Some Author");
        ps.setString(8, partner + ",lender-" + ((i + 1) % 200));
        ps.setLong(9, base + i * 1000L);
        ps.setLong(10, base + i * 1000L);
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

  static void load(DerbyDatabase db, int total, StringBuilder report) throws Exception {
    long start = System.nanoTime();
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      insertTransactions(c, total, Instant.parse("2024-01-01T00:00:00Z").toEpochMilli());
    }
    double s = (System.nanoTime() - start) / 1e9;
    report.append(String.format("loaded %d transactions in %.0f s (%.0f rows/s, batched JDBC)%n",
        total, s, total / s));
  }

  /**
   * The same rows as {@link #load}, through Derby's bulk import into the empty table (indexes
   * built by sorting rather than row by row): about ten times faster, so that a million rows load
   * in a few minutes on the shared machine.
   */
  static void importTransactions(DerbyDatabase db, int total, StringBuilder report) throws Exception {
    long start = System.nanoTime();
    long base = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    Path csv = Path.of("target/bench-transactions.csv").toAbsolutePath();
    Files.createDirectories(csv.getParent());
    try (var w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      for (int i = 0; i < total; i++) {
        String partner = "lender-" + (i % 200);
        long at = base + i * 1000L;
        // BRIDGE_KEY,STATE,SERVICE_TYPE,REQ_PARTNER,REQ_REQ_TXID,SUP_PARTNER,SUP_REQ_TXID,SUP_SUP_TXID,
        // ITEM_SUMMARY,LENDERS,LENDER_POSITION,CREATED_AT,UPDATED_AT,VERSION (an empty field is NULL)
        w.append("\"IB-BENCH-").append(Integer.toString(i)).append("\",\"")
            .append(STATES[i % STATES.length].name()).append("\",\"LOAN\",\"home\",\"REQ-").append(Integer.toString(i))
            .append("\",\"").append(partner).append("\",\"BR-").append(Integer.toString(i)).append("\",")
            .append(i % 2 == 0 ? "\"SUP-" + i + "\"" : "")
            .append(",\"A fairly ordinary book title number ").append(Integer.toString(i)).append(" / Some Author\",\"")
            .append(partner).append(",lender-").append(Integer.toString((i + 1) % 200)).append("\",0,")
            .append(Long.toString(at)).append(',').append(Long.toString(at)).append(",1\n");
      }
    }
    try (Connection c = db.dataSource().getConnection();
        java.sql.CallableStatement cs = c.prepareCall("CALL SYSCS_UTIL.SYSCS_IMPORT_DATA(NULL, 'ILL_TRANSACTION',"
            + " 'BRIDGE_KEY,STATE,SERVICE_TYPE,REQ_PARTNER,REQ_REQ_TXID,SUP_PARTNER,SUP_REQ_TXID,SUP_SUP_TXID,"
            + "ITEM_SUMMARY,LENDERS,LENDER_POSITION,CREATED_AT,UPDATED_AT,VERSION', NULL, ?, NULL, NULL, 'UTF-8', 0)")) {
      cs.setString(1, csv.toString());
      cs.execute();
    }
    Files.delete(csv);
    double s = (System.nanoTime() - start) / 1e9;
    report.append(String.format("loaded %d transactions in %.0f s (%.0f rows/s, Derby bulk import)%n",
        total, s, total / s));
  }

  static void search(JdbcTransactionStore store, int searches, int total, StringBuilder report) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    for (int i = 0; i < 200; i++) { // warm up
      store.search(new TransactionQuery("REQ-" + r.nextInt(total), null, null, null, null, 50, null));
      store.search(new TransactionQuery(null, "lender-" + r.nextInt(200),
          Set.of(STATES[r.nextInt(STATES.length)]), null, null, 50, null));
    }
    long[] byId = new long[searches];
    long[] byPartner = new long[searches];
    for (int i = 0; i < searches; i++) {
      long t0 = System.nanoTime();
      int found = store.search(new TransactionQuery(
          (i % 2 == 0 ? "REQ-" : "SUP-") + (r.nextInt(total / 2) * 2), null, null, null, null, 50, null))
          .items().size();
      byId[i] = System.nanoTime() - t0;
      if (found != 1) {
        throw new IllegalStateException("id search found " + found);
      }
      t0 = System.nanoTime();
      store.search(new TransactionQuery(null, "lender-" + r.nextInt(200),
          Set.of(STATES[r.nextInt(STATES.length)]), null, null, 50, null));
      byPartner[i] = System.nanoTime() - t0;
    }
    report.append(String.format("search by id (%d transactions loaded): %s%n", total, percentiles(byId)));
    report.append(String.format("search by partner + state, page of 50: %s%n", percentiles(byPartner)));
  }

  static String percentiles(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return String.format("p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (%d queries)",
        s[s.length / 2] / 1e6, s[(int) (s.length * 0.95)] / 1e6, s[(int) (s.length * 0.99)] / 1e6, s.length);
  }

  static long size(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static void deleteTree(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private StoreLoad() {}
}
