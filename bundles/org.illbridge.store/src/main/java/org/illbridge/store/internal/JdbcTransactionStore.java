package org.illbridge.store.internal;

import static org.illbridge.store.internal.Jdbc.instant;
import static org.illbridge.store.internal.Jdbc.parse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Patron;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.AuditEntry;
import org.illbridge.api.store.ConflictException;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.MessageRecord;
import org.illbridge.api.store.Page;
import org.illbridge.api.store.StoreException;
import org.illbridge.api.store.TimerRecord;
import org.illbridge.api.store.TransactionQuery;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.store.TransactionSide;
import org.illbridge.api.store.TransactionStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link TransactionStore} on JDBC (Derby today; the SQL is kept portable). */
@Component(service = TransactionStore.class)
public class JdbcTransactionStore implements TransactionStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcTransactionStore.class);
  static final int MAX_ATTEMPTS = 6;

  static final String TX_COLUMNS = "t.BRIDGE_KEY, t.STATE, t.SERVICE_TYPE, t.REQ_PARTNER, t.REQ_AGENCY,"
      + " t.REQ_REQ_TXID, t.REQ_SUP_TXID, t.SUP_PARTNER, t.SUP_AGENCY, t.SUP_REQ_TXID, t.SUP_SUP_TXID,"
      + " t.ITEM_SUMMARY, t.LENDERS, t.LENDER_POSITION, t.DUE_DATE, t.CREATED_AT, t.UPDATED_AT,"
      + " t.TERMINAL_AT, t.VERSION, t.ID";
  static final String MESSAGE_SELECT = "SELECT m.ID, t.BRIDGE_KEY, m.PARTNER_KEY, m.DIRECTION,"
      + " m.PROTOCOL, m.MESSAGE_TYPE, m.DEDUPE_KEY, m.RAW_SIZE, m.SUMMARY, m.CONTAINS_PATRON,"
      + " m.REDACTED, m.SENDER_TIMESTAMP, m.LOGGED_AT, m.RESULT, m.WARNINGS, m.DUPLICATE_COUNT,"
      + " m.LAST_SEEN_AT FROM MESSAGE_LOG m LEFT JOIN ILL_TRANSACTION t ON t.ID = m.TX_ID";
  private static final String[] ID_COLUMNS = {
    "BRIDGE_KEY", "REQ_REQ_TXID", "REQ_SUP_TXID", "SUP_REQ_TXID", "SUP_SUP_TXID"
  };
  /** Transactions with an id in any of {@link #ID_COLUMNS}: one indexed branch per column. */
  static final String FIND_BY_ANY_ID;

  static {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ID_COLUMNS.length; i++) {
      sb.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(TX_COLUMNS).append(", ")
          .append(i).append(" AS BRANCH FROM ILL_TRANSACTION t WHERE t.").append(ID_COLUMNS[i])
          .append(" = ?");
    }
    FIND_BY_ANY_ID = sb.toString();
  }

  /**
   * Units of work running at once. Derby thrashes when every request thread of the HTTP server
   * writes at the same time (load benchmark: ~200 threads queued on one table's lock entry in
   * Derby's lock manager, the CPU spent there instead of committing); a few more than the cores
   * keep the group commit fed while the rest wait their turn here, in order.
   */
  static final int MAX_CONCURRENT_UNITS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
  private final java.util.concurrent.Semaphore units =
      new java.util.concurrent.Semaphore(MAX_CONCURRENT_UNITS, true);
  private static final ThreadLocal<Boolean> IN_UNIT = new ThreadLocal<>();
  /**
   * Stripes of the dashboard's running counts (V6) in use by running units of work. Each unit
   * writes its counts to a stripe no other running unit has (the lowest free one, so a quiet
   * bridge uses few rows per minute), so units never wait for each other's count rows; only with
   * more than {@link JdbcUnitOfWork#STRIPES} units at once do some share one.
   */
  private final java.util.BitSet stripesInUse = new java.util.BitSet(JdbcUnitOfWork.STRIPES);

  private final DataSource dataSource;
  private final Clock clock;
  /**
   * Bridge key -> row id of committed transactions, most recently used first. A transaction's
   * row is never deleted (retention only purges its patron data) and its bridge key never changes,
   * so an entry stays true; only committed rows get in (read outside a unit of work, or after the
   * unit of work that read or created them committed). It spares the delivery's unit of work
   * (message log row of the sent message) the id look-up by bridge key: 6 statements per life cycle.
   */
  private final Map<String, Long> rowIds = java.util.Collections.synchronizedMap(
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > ROW_ID_CACHE_SIZE;
        }
      });
  static final int ROW_ID_CACHE_SIZE = 4096;

  @Activate
  public JdbcTransactionStore(@Reference(target = "(illbridge.datasource=store)") DataSource dataSource) {
    this(dataSource, Clock.systemUTC());
  }

  public JdbcTransactionStore(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public <T> T inTransaction(Work<T> work) {
    if (Boolean.TRUE.equals(IN_UNIT.get())) {
      return retrying(work); // nested: already holds a slot
    }
    try {
      units.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting to write", e);
    }
    IN_UNIT.set(Boolean.TRUE);
    try {
      return retrying(work);
    } finally {
      IN_UNIT.remove();
      units.release();
    }
  }

  private <T> T retrying(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return runOnce(work);
      } catch (ConflictException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        LOG.debug("Unit of work lost a race (attempt {}), retrying: {}", attempt, e.getMessage());
        pause(attempt);
      }
    }
  }

  private <T> T runOnce(Work<T> work) {
    Connection c;
    try {
      c = dataSource.getConnection();
    } catch (SQLException e) {
      throw Jdbc.translate("opening a database connection", e);
    }
    JdbcUnitOfWork uow = new JdbcUnitOfWork(c, clock.instant());
    uow.useRowIds(rowIds);
    int stripe = takeStripe();
    uow.useStripe(stripe);
    try {
      c.setAutoCommit(false);
      T result = work.run(uow);
      uow.writeCounts();
      c.commit();
      rowIds.putAll(uow.rowIds()); // committed now
      if (!uow.enqueued().isEmpty()) {
        // After the commit, so the woken worker's claim sees the rows.
        OutboxHints hints = OutboxHints.of(dataSource);
        uow.enqueued().forEach(hints::due);
      }
      return result;
    } catch (SQLException e) {
      rollback(c);
      throw Jdbc.translate("committing a unit of work", e);
    } catch (RuntimeException e) {
      rollback(c);
      throw e;
    } catch (Exception e) {
      rollback(c);
      throw new StoreException("unit of work failed: " + e.getMessage(), e);
    } finally {
      uow.close();
      releaseStripe(stripe); // after the commit or rollback: its count rows are unlocked
      try {
        c.close();
      } catch (SQLException e) {
        LOG.warn("Closing a connection failed: {}", e.getMessage());
      }
    }
  }

  private int takeStripe() {
    synchronized (stripesInUse) {
      int free = stripesInUse.nextClearBit(0);
      if (free >= JdbcUnitOfWork.STRIPES) {
        return java.util.concurrent.ThreadLocalRandom.current().nextInt(JdbcUnitOfWork.STRIPES);
      }
      stripesInUse.set(free);
      return free;
    }
  }

  private void releaseStripe(int stripe) {
    synchronized (stripesInUse) {
      stripesInUse.clear(stripe);
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.warn("Rollback failed: {}", e.getMessage());
    }
  }

  private static void pause(int attempt) {
    try {
      // Exponential with jitter (up to 10, 20, 40, 80, 160 ms): under load a lost race is often
      // to a transaction that is waiting for its log flush, so retrying at once loses again.
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while retrying a unit of work", e);
    }
  }

  /** Runs a read on a fresh auto-commit connection. */
  interface Read<T> {
    T read(Connection c) throws SQLException;
  }

  static <T> T read(DataSource ds, String doing, Read<T> read) {
    try (Connection c = ds.getConnection()) {
      return read.read(c);
    } catch (SQLException e) {
      throw Jdbc.translate(doing, e);
    }
  }

  @Override
  public Optional<TransactionRecord> find(String bridgeKey) {
    return read(dataSource, "reading transaction " + bridgeKey, c -> findTransaction(c, bridgeKey, rowIds));
  }

  static Optional<TransactionRecord> findTransaction(Connection c, String bridgeKey) throws SQLException {
    return findTransaction(c, bridgeKey, null);
  }

  /** As {@link #findTransaction(Connection, String)}; the row id goes to {@code rowIds} if given. */
  static Optional<TransactionRecord> findTransaction(Connection c, String bridgeKey, Map<String, Long> rowIds)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + TX_COLUMNS + " FROM ILL_TRANSACTION t WHERE t.BRIDGE_KEY = ?")) {
      ps.setString(1, bridgeKey);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (rowIds != null) {
          rowIds.put(bridgeKey, rs.getLong("ID"));
        }
        return Optional.of(transaction(rs));
      }
    }
  }

  static List<TransactionRecord> findByAnyId(Connection c, String id) throws SQLException {
    return findByAnyId(c, id, null);
  }

  /**
   * One statement for the five id columns (a UNION ALL of one index lookup each, {@link
   * #FIND_BY_ANY_ID}): it used to be five statements, and every inbound message on a transaction
   * asks at least once (life-cycle load: 38 of 194 statements per life cycle). Rows come in the
   * order of {@link #ID_COLUMNS}, a transaction once. {@code rowIds}, when given, receives each
   * found transaction's row id by bridge key.
   */
  static List<TransactionRecord> findByAnyId(Connection c, String id, Map<String, Long> rowIds)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(FIND_BY_ANY_ID)) {
      for (int i = 1; i <= ID_COLUMNS.length; i++) {
        ps.setString(i, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new Object[] {rs.getInt("BRANCH"), transaction(rs), rs.getLong("ID")});
        }
      }
    }
    rows.sort(java.util.Comparator.comparingInt(r -> (Integer) r[0])); // stable: index order kept
    Map<String, TransactionRecord> found = new LinkedHashMap<>();
    for (Object[] r : rows) {
      TransactionRecord t = (TransactionRecord) r[1];
      if (found.putIfAbsent(t.bridgeKey(), t) == null && rowIds != null) {
        rowIds.put(t.bridgeKey(), (Long) r[2]);
      }
    }
    return new ArrayList<>(found.values());
  }

  /** One statement of a search: a predicate one index serves in page order, and its values. */
  private record Branch(String where, List<Object> params, String hint) {
    Branch(String where, String hint, Object... params) {
      this(where, List.of(params), hint);
    }
  }

  /**
   * Names the index of a search branch. Derby's optimizer costs a query as if it read every
   * matching row (it ignores FETCH FIRST), and on a young database without index statistics it
   * may pick an index that is not in page order, or scan and sort the table. The override is a
   * comment to any other database.
   */
  private static String index(String name) {
    return " --DERBY-PROPERTIES index=" + name + "\n";
  }

  /** A row's place in the search order (creation time, then row id, both descending). */
  private record Position(long createdAt, long id) implements Comparable<Position> {
    @Override
    public int compareTo(Position o) {
      int c = Long.compare(o.createdAt, createdAt);
      return c != 0 ? c : Long.compare(o.id, id);
    }

    /** The page cursor: the last row's position, {@code <created at millis>.<row id>}; opaque to callers. */
    String cursor() {
      return createdAt + "." + id;
    }

    static Position parse(String cursor) {
      int dot = cursor.indexOf('.');
      try {
        if (dot > 0) {
          long id = Long.parseLong(cursor.substring(dot + 1));
          if (id > 0) {
            return new Position(Long.parseLong(cursor.substring(0, dot)), id);
          }
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("not a valid page cursor: " + cursor);
    }
  }

  @Override
  public Page<TransactionRecord> search(TransactionQuery q) {
    int limit = Jdbc.checkLimit(q.limit());
    Position after = q.cursor() == null || q.cursor().isEmpty() ? null : Position.parse(q.cursor());
    return read(dataSource, "searching transactions", c -> {
      // Newest first by creation time (row id for ties). Each branch is one range scan of an index
      // that ends in (CREATED_AT DESC, ID DESC) (V5) after its equality columns, so Derby reads
      // the rows in page order, starting at the cursor or the end of the date range, and stops
      // after limit + 1 rows: no sort, whatever the number of matching rows, the width of the date
      // range or its age (an OR across columns, or an IN list of states, would make Derby read and
      // sort them all). The branches' pages are merged in the same order.
      List<String> states = q.states().stream().map(Enum::name).sorted().toList();
      List<Branch> branches = new ArrayList<>();
      boolean statesInBranches = q.anyId() == null;
      if (q.anyId() != null) {
        // Exact match on each id column (few rows each, sorted by Derby).
        for (String column : ID_COLUMNS) {
          branches.add(new Branch("t." + column + " = ?", "", q.anyId()));
        }
      } else if (q.partnerKey() != null) {
        for (String side : new String[] {"REQ", "SUP"}) {
          if (states.isEmpty()) {
            branches.add(new Branch("t." + side + "_PARTNER = ?", index("IX_TX_" + side + "_PARTNER_CREATED"),
                q.partnerKey()));
          }
          for (String state : states) {
            branches.add(new Branch("t." + side + "_PARTNER = ? AND t.STATE = ?",
                index("IX_TX_" + side + "_PARTNER_STATE_CREATED"), q.partnerKey(), state));
          }
        }
      } else if (!states.isEmpty()) {
        for (String state : states) {
          branches.add(new Branch("t.STATE = ?", index("IX_TX_STATE_CREATED"), state));
        }
      } else {
        // No filter, or a creation date range alone.
        branches.add(new Branch("1 = 1", index("IX_TX_CREATED_ID")));
      }
      // One upper bound on CREATED_AT (the start of the index range): the cursor's time or the
      // end of the date range, whichever is earlier. Rows at the cursor's very time but at or
      // above its row id were on earlier pages.
      long upTo = Long.MAX_VALUE;
      if (q.createdBefore() != null) {
        upTo = q.createdBefore().toEpochMilli() - 1;
      }
      StringBuilder common = new StringBuilder();
      List<Object> commonParams = new ArrayList<>();
      if (after != null && after.createdAt() <= upTo) {
        upTo = after.createdAt();
        common.append(" AND (t.CREATED_AT < ? OR t.ID < ?)");
        commonParams.add(after.createdAt());
        commonParams.add(after.id());
      }
      common.insert(0, " AND t.CREATED_AT <= ?");
      commonParams.add(0, upTo);
      if (q.createdFrom() != null) {
        common.append(" AND t.CREATED_AT >= ?");
        commonParams.add(q.createdFrom().toEpochMilli());
      }
      if (q.anyId() != null && q.partnerKey() != null) {
        common.append(" AND (t.REQ_PARTNER = ? OR t.SUP_PARTNER = ?)");
        commonParams.add(q.partnerKey());
        commonParams.add(q.partnerKey());
      }
      if (!statesInBranches && !states.isEmpty()) {
        common.append(" AND t.STATE IN (").append("?,".repeat(states.size() - 1)).append("?)");
        commonParams.addAll(states);
      }
      Map<Position, TransactionRecord> rows = new java.util.TreeMap<>();
      for (Branch b : branches) {
        String sql = "SELECT " + TX_COLUMNS + " FROM ILL_TRANSACTION t" + b.hint() + " WHERE " + b.where()
            + common + " ORDER BY t.CREATED_AT DESC, t.ID DESC FETCH FIRST " + (limit + 1) + " ROWS ONLY";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int i = 1;
          for (Object p : b.params()) {
            ps.setObject(i++, p);
          }
          for (Object p : commonParams) {
            ps.setObject(i++, p);
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.put(new Position(rs.getLong("CREATED_AT"), rs.getLong("ID")), transaction(rs));
            }
          }
        }
      }
      List<TransactionRecord> items = new ArrayList<>();
      String next = null;
      for (Map.Entry<Position, TransactionRecord> e : rows.entrySet()) {
        if (items.size() == limit) {
          break;
        }
        items.add(e.getValue());
        if (items.size() == limit && rows.size() > limit) {
          next = e.getKey().cursor();
        }
      }
      return new Page<>(items, next);
    });
  }

  @Override
  public List<MessageRecord> messages(String bridgeKey) {
    return read(dataSource, "reading the message log", c -> messages(c, bridgeKey));
  }

  static List<MessageRecord> messages(Connection c, String bridgeKey) throws SQLException {
    // The row id first: with "TX_ID = (SELECT ...)" Derby scanned the whole message log (found by
    // the console benchmark); "TX_ID = ?" is a range of the index on TX_ID (V8). Ordered by the
    // time each message was logged (an outbound one: when its send began), then by row id: an
    // answer stored while its request's send was still returning comes after the request.
    Long txId = JdbcOutbox.txId(c, bridgeKey);
    if (txId == null) {
      return new ArrayList<>();
    }
    try (PreparedStatement ps = c.prepareStatement(MESSAGE_SELECT + " WHERE m.TX_ID = ? ORDER BY m.LOGGED_AT, m.ID")) {
      ps.setLong(1, txId);
      try (ResultSet rs = ps.executeQuery()) {
        List<MessageRecord> list = new ArrayList<>();
        while (rs.next()) {
          list.add(message(rs));
        }
        return list;
      }
    }
  }

  @Override
  public Optional<byte[]> rawMessage(long messageId) {
    return read(dataSource, "reading a raw message", c -> rawMessage(c, messageId));
  }

  static Optional<byte[]> rawMessage(Connection c, long messageId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT RAW FROM MESSAGE_LOG WHERE ID = ?")) {
      ps.setLong(1, messageId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    }
  }

  @Override
  public Optional<Patron> patron(String bridgeKey) {
    return read(dataSource, "reading patron data", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT p.PATRON_ID, p.NAME, p.STATUS FROM PATRON p"
          + " JOIN ILL_TRANSACTION t ON t.ID = p.TX_ID WHERE t.BRIDGE_KEY = ?")) {
        ps.setString(1, bridgeKey);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(new Patron(rs.getString(1), rs.getString(2), rs.getString(3)))
              : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<TimerRecord> dueTimers(Instant now, int limit) {
    int max = Jdbc.checkLimit(limit);
    return read(dataSource, "reading due timers", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT tm.ID, t.BRIDGE_KEY, tm.KIND, tm.DUE_AT,"
          + " tm.CREATED_AT FROM TIMER tm JOIN ILL_TRANSACTION t ON t.ID = tm.TX_ID"
          + " WHERE tm.DUE_AT <= ? ORDER BY tm.DUE_AT, tm.ID FETCH FIRST " + max + " ROWS ONLY")) {
        ps.setLong(1, now.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          List<TimerRecord> list = new ArrayList<>();
          while (rs.next()) {
            list.add(new TimerRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5))));
          }
          return list;
        }
      }
    });
  }

  @Override
  public Page<AuditEntry> audit(String bridgeKey, String partnerKey, int limit, String cursor) {
    int max = Jdbc.checkLimit(limit);
    long before = Jdbc.parseCursor(cursor);
    return read(dataSource, "reading the audit log", c -> {
      String where = bridgeKey != null ? " AND BRIDGE_KEY = ?" : partnerKey != null ? " AND PARTNER_KEY = ?" : "";
      try (PreparedStatement ps = c.prepareStatement("SELECT ID, OCCURRED_AT, ACTOR, ACTION, BRIDGE_KEY,"
          + " PARTNER_KEY, DETAIL FROM AUDIT_LOG WHERE ID < ?" + where
          + " ORDER BY ID DESC FETCH FIRST " + (max + 1) + " ROWS ONLY")) {
        ps.setLong(1, before);
        if (!where.isEmpty()) {
          ps.setString(2, bridgeKey != null ? bridgeKey : partnerKey);
        }
        try (ResultSet rs = ps.executeQuery()) {
          List<AuditEntry> list = new ArrayList<>();
          while (rs.next()) {
            list.add(new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
          }
          return pageOf(list, max, AuditEntry::id);
        }
      }
    });
  }

  @Override
  public long[] messagesPerMinute(Instant from, int minutes) {
    if (minutes < 1 || minutes > 7 * 24 * 60) {
      throw new IllegalArgumentException("minutes must be 1.." + 7 * 24 * 60 + ", was " + minutes);
    }
    long start = from.toEpochMilli();
    long end = start + minutes * 60_000L;
    return read(dataSource, "counting messages per minute", c -> {
      long[] counts = new long[minutes];
      if (start % 60_000L == 0) {
        // Whole minutes (the dashboard): the running counts of MESSAGE_MINUTE (V6), at most
        // minutes x 8 small rows, whatever the number of messages.
        long first = Math.floorDiv(start, 60_000L);
        try (PreparedStatement ps = c.prepareStatement("SELECT EPOCH_MINUTE, SUM(N) FROM MESSAGE_MINUTE"
            + " WHERE EPOCH_MINUTE >= ? AND EPOCH_MINUTE < ? GROUP BY EPOCH_MINUTE")) {
          ps.setLong(1, first);
          ps.setLong(2, first + minutes);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              counts[(int) (rs.getLong(1) - first)] = rs.getLong(2);
            }
          }
        }
        return counts;
      }
      // Minutes that start mid-minute: one grouped scan of the log rows in the window.
      try (PreparedStatement ps = c.prepareStatement("SELECT M, COUNT(*) FROM (SELECT (LOGGED_AT - ?) / 60000 AS M"
          + " FROM MESSAGE_LOG WHERE LOGGED_AT >= ? AND LOGGED_AT < ?) W GROUP BY M")) {
        ps.setLong(1, start);
        ps.setLong(2, start);
        ps.setLong(3, end);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            int minute = (int) rs.getLong(1);
            if (minute >= 0 && minute < minutes) {
              counts[minute] = rs.getLong(2);
            }
          }
        }
        return counts;
      }
    });
  }

  @Override
  public Map<TransactionState, Long> countOpenByState() {
    return read(dataSource, "counting transactions by state", c -> {
      Map<TransactionState, Long> counts = new java.util.EnumMap<>(TransactionState.class);
      // The running counts of TX_STATE_COUNT (V6, kept by every unit of work that creates a
      // transaction or changes its state): 16 rows per state, not one index entry per transaction.
      try (PreparedStatement ps = c.prepareStatement("SELECT STATE, SUM(N) FROM TX_STATE_COUNT GROUP BY STATE");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TransactionState state = parse(TransactionState.class, rs.getString(1));
          long n = rs.getLong(2);
          if (state != null && !state.isTerminal() && n > 0) {
            counts.put(state, n);
          }
        }
      }
      return counts;
    });
  }

  @Override
  public long countSuppliedSince(String supplierPartnerKey, Instant since) {
    return read(dataSource, "counting the lending load of " + supplierPartnerKey, c -> {
      // A range of IX_TX_SUP_PARTNER_CREATED (SUP_PARTNER, CREATED_AT DESC, ID DESC): index only.
      // Uncommitted read: the engine counts from inside its own unit of work (holding its locks),
      // and an estimate of recent load must never wait for other writers' row locks.
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM ILL_TRANSACTION WHERE SUP_PARTNER = ? AND CREATED_AT >= ? WITH UR")) {
        ps.setString(1, supplierPartnerKey);
        ps.setLong(2, since.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  static <T> Page<T> pageOf(List<T> rowsPlusOne, int limit, java.util.function.ToLongFunction<T> id) {
    if (rowsPlusOne.size() <= limit) {
      return new Page<>(rowsPlusOne, null);
    }
    List<T> items = rowsPlusOne.subList(0, limit);
    return new Page<>(items, Long.toString(id.applyAsLong(items.get(limit - 1))));
  }

  static TransactionRecord transaction(ResultSet rs) throws SQLException {
    String lenders = rs.getString("LENDERS");
    return new TransactionRecord(
        rs.getString("BRIDGE_KEY"),
        new TransactionSide(rs.getString("REQ_PARTNER"), agency(rs.getString("REQ_AGENCY")),
            rs.getString("REQ_REQ_TXID"), rs.getString("REQ_SUP_TXID")),
        new TransactionSide(rs.getString("SUP_PARTNER"), agency(rs.getString("SUP_AGENCY")),
            rs.getString("SUP_REQ_TXID"), rs.getString("SUP_SUP_TXID")),
        parse(TransactionState.class, rs.getString("STATE")),
        parse(ServiceType.class, rs.getString("SERVICE_TYPE")),
        rs.getString("ITEM_SUMMARY"),
        lenders == null ? List.of() : Arrays.asList(lenders.split(",")),
        rs.getInt("LENDER_POSITION"),
        Jdbc.date(rs, "DUE_DATE"),
        instant(rs, "CREATED_AT"),
        instant(rs, "UPDATED_AT"),
        instant(rs, "TERMINAL_AT"),
        rs.getLong("VERSION"));
  }

  private static AgencyId agency(String text) {
    return text == null ? null : AgencyId.parse(text);
  }

  static MessageRecord message(ResultSet rs) throws SQLException {
    return new MessageRecord(
        rs.getLong("ID"),
        rs.getString("BRIDGE_KEY"),
        rs.getString("PARTNER_KEY"),
        parse(Direction.class, rs.getString("DIRECTION")),
        parse(Protocol.class, rs.getString("PROTOCOL")),
        parse(MessageType.class, rs.getString("MESSAGE_TYPE")),
        rs.getString("DEDUPE_KEY"),
        rs.getInt("RAW_SIZE"),
        rs.getString("SUMMARY"),
        rs.getBoolean("CONTAINS_PATRON"),
        rs.getBoolean("REDACTED"),
        instant(rs, "SENDER_TIMESTAMP"),
        instant(rs, "LOGGED_AT"),
        rs.getString("RESULT"),
        Jdbc.splitLines(rs.getString("WARNINGS")),
        rs.getInt("DUPLICATE_COUNT"),
        instant(rs, "LAST_SEEN_AT"));
  }
}
