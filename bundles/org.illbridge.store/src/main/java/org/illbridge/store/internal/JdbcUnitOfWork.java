package org.illbridge.store.internal;

import static org.illbridge.store.internal.Jdbc.clip;
import static org.illbridge.store.internal.Jdbc.joinLines;
import static org.illbridge.store.internal.Jdbc.name;
import static org.illbridge.store.internal.Jdbc.setDate;
import static org.illbridge.store.internal.Jdbc.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.illbridge.api.store.OutboxQuery;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.Page;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.illbridge.api.model.Patron;
import org.illbridge.api.store.ConflictException;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.LoggedMessage;
import org.illbridge.api.store.MessageRecord;
import org.illbridge.api.store.NewMessage;
import org.illbridge.api.store.NewOutboxItem;
import org.illbridge.api.store.StoreException;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.store.UnitOfWork;

/** One database transaction's worth of store operations, on one connection. */
final class JdbcUnitOfWork implements UnitOfWork {
  private final Connection connection;
  private final Instant now;
  /** Bridge key to row id, so a unit of work looks each transaction up once. */
  private final Map<String, Long> txIds = new HashMap<>();
  private boolean open = true;
  /** Partner key -> earliest due time of the rows this unit enqueued, hinted after commit. */
  private final Map<String, Long> enqueued = new HashMap<>();
  /**
   * Stripes of TX_STATE_COUNT and MESSAGE_MINUTE (V6): a count is the sum of its stripes. V6's
   * backfill spreads the existing counts by row id; from then on each unit of work adds to the
   * stripe it was given, which no other running unit has.
   */
  static final int STRIPES = 16;
  /** This unit's stripe: no other running unit of work has it (JdbcTransactionStore). */
  private int stripe;
  /** Bridge key -> {version, state} as this unit read or wrote it (the row is locked by then). */
  private final Map<String, Object[]> knownStates = new HashMap<>();
  /**
   * Bridge key -> the record as this unit locked, created or last updated it (the row is locked
   * by then): {@link #updateTransaction} of that version sets only the columns that differ, so
   * Derby logs fewer columns and rebuilds only the indexes on them.
   */
  private final Map<String, TransactionRecord> knownRecords = new HashMap<>();
  /** Changes to TX_STATE_COUNT (state -> delta), written just before the commit. */
  private final java.util.TreeMap<String, Long> stateCounts = new java.util.TreeMap<>();
  /** Committed transactions' row ids shared by the store's units of work (may be empty). */
  private Map<String, Long> committedRowIds = Map.of();
  /**
   * Transactions as this unit read them with {@link #findByAnyId} (not locked): {@link
   * #lockTransaction} then only checks that the version did not move instead of reading again.
   */
  private final Map<String, TransactionRecord> readUnlocked = new HashMap<>();
  /**
   * Transactions this unit created -> timer kinds it scheduled for them: no other timer can exist
   * for them (the row is not committed yet), so cancelling any other kind needs no DELETE and
   * scheduling a kind not yet scheduled goes straight to the INSERT (a new request: 2 statements).
   */
  private final Map<String, java.util.Set<String>> createdTimers = new HashMap<>();
  /** Changes to MESSAGE_MINUTE (epoch minute -> delta), ditto. */
  private final java.util.TreeMap<Long, Long> minuteCounts = new java.util.TreeMap<>();

  JdbcUnitOfWork(Connection connection, Instant now) {
    this.connection = connection;
    this.now = now;
  }

  /** The stripe of the running counts this unit adds to (0 .. STRIPES - 1). */
  void useStripe(int stripe) {
    if (stripe < 0 || stripe >= STRIPES) {
      throw new IllegalArgumentException("stripe " + stripe);
    }
    this.stripe = stripe;
  }

  /**
   * The store's cache of committed transactions' row ids (bridge key -> ID), read by {@link
   * #requireTxId}; this unit's own look-ups go to {@link #rowIds()} and join it after the commit.
   */
  void useRowIds(Map<String, Long> committed) {
    this.committedRowIds = committed;
  }

  /** Bridge key -> row id of every transaction this unit read, locked or created. */
  Map<String, Long> rowIds() {
    return txIds;
  }

  /** Partners with rows enqueued by this unit and their earliest due time (epoch millis). */
  Map<String, Long> enqueued() {
    return enqueued;
  }

  void close() {
    open = false;
  }

  private Connection c() {
    if (!open) {
      throw new IllegalStateException("the unit of work is over: it must not be kept after its work returns");
    }
    return connection;
  }

  @Override
  public Instant now() {
    return now;
  }

  // --- message log -------------------------------------------------------------------------

  @Override
  public List<MessageRecord> messages(String bridgeKey) {
    try {
      return JdbcTransactionStore.messages(c(), bridgeKey);
    } catch (SQLException e) {
      throw Jdbc.translate("reading the message log", e);
    }
  }

  @Override
  public Optional<byte[]> rawMessage(long messageId) {
    try {
      return JdbcTransactionStore.rawMessage(c(), messageId);
    } catch (SQLException e) {
      throw Jdbc.translate("reading a raw message", e);
    }
  }

  @Override
  public Page<OutboxItem> outbox(OutboxQuery query) {
    try {
      return JdbcOutbox.list(c(), query);
    } catch (SQLException e) {
      throw Jdbc.translate("listing the outbox", e);
    }
  }

  @Override
  public LoggedMessage logMessage(NewMessage m) {
    Objects.requireNonNull(m, "message");
    try {
      if (m.dedupeKey() != null && m.partnerKey() != null) {
        Optional<MessageRecord> original = findByDedupeKey(m.partnerKey(), m.direction(), m.dedupeKey());
        if (original.isPresent()) {
          try (PreparedStatement ps = c().prepareStatement(
              "UPDATE MESSAGE_LOG SET DUPLICATE_COUNT = DUPLICATE_COUNT + 1, LAST_SEEN_AT = ? WHERE ID = ?")) {
            setInstant(ps, 1, m.at());
            ps.setLong(2, original.get().id());
            ps.executeUpdate();
          }
          return new LoggedMessage(original.get().id(), true, original.get());
        }
      }
      Long txId = m.bridgeKey() == null ? null : requireTxId(m.bridgeKey());
      try (PreparedStatement ps = c().prepareStatement(
          "INSERT INTO MESSAGE_LOG (TX_ID, PARTNER_KEY, DIRECTION, PROTOCOL, MESSAGE_TYPE, DEDUPE_KEY,"
              + " RAW, RAW_SIZE, SUMMARY, CONTAINS_PATRON, REDACTED, SENDER_TIMESTAMP, LOGGED_AT, RESULT,"
              + " WARNINGS, DUPLICATE_COUNT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?, 0)",
          Statement.RETURN_GENERATED_KEYS)) {
        setLong(ps, 1, txId);
        ps.setString(2, m.partnerKey());
        ps.setString(3, m.direction().name());
        ps.setString(4, m.protocol().name());
        ps.setString(5, name(m.messageType()));
        ps.setString(6, m.dedupeKey());
        ps.setBytes(7, m.raw());
        ps.setInt(8, m.raw().length);
        ps.setString(9, clip(m.summary(), 4000));
        ps.setBoolean(10, m.containsPatronData());
        setInstant(ps, 11, m.senderTimestamp());
        setInstant(ps, 12, m.at());
        ps.setString(13, clip(m.result(), 200));
        ps.setString(14, joinLines(m.warnings(), 4000));
        ps.executeUpdate();
        minuteCounts.merge(Math.floorDiv(m.at().toEpochMilli(), 60_000L), 1L, Long::sum);
        return new LoggedMessage(generatedId(ps), false, null);
      }
    } catch (SQLException e) {
      // A concurrent copy of the same message committed first: the retry will see it as a duplicate.
      throw Jdbc.translate("logging a message", e);
    }
  }

  private Optional<MessageRecord> findByDedupeKey(String partnerKey, Direction direction, String key)
      throws SQLException {
    // Every inbound message asks; nearly always the answer is no. This first statement reads only
    // the dedupe index (UQ_MESSAGE_DEDUPE holds all three columns and the row id), the full
    // record with its transaction is read for a duplicate only.
    long id;
    try (PreparedStatement ps = c().prepareStatement(
        "SELECT ID FROM MESSAGE_LOG WHERE PARTNER_KEY = ? AND DIRECTION = ? AND DEDUPE_KEY = ?")) {
      ps.setString(1, partnerKey);
      ps.setString(2, direction.name());
      ps.setString(3, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        id = rs.getLong(1);
      }
    }
    try (PreparedStatement ps = c().prepareStatement(JdbcTransactionStore.MESSAGE_SELECT + " WHERE m.ID = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(JdbcTransactionStore.message(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public void setMessageResult(long messageId, String bridgeKey, String result, List<String> warnings) {
    try {
      Long txId = bridgeKey == null ? null : requireTxId(bridgeKey);
      try (PreparedStatement ps = c().prepareStatement(
          "UPDATE MESSAGE_LOG SET TX_ID = COALESCE(?, TX_ID), RESULT = ?,"
              + " WARNINGS = COALESCE(?, WARNINGS) WHERE ID = ?")) {
        setLong(ps, 1, txId);
        ps.setString(2, clip(result, 200));
        ps.setString(3, joinLines(warnings, 4000));
        ps.setLong(4, messageId);
        if (ps.executeUpdate() == 0) {
          throw new StoreException("no logged message " + messageId);
        }
      }
    } catch (SQLException e) {
      throw Jdbc.translate("recording a message result", e);
    }
  }

  // --- transactions ------------------------------------------------------------------------

  @Override
  public TransactionRecord createTransaction(TransactionRecord t) {
    Objects.requireNonNull(t, "transaction");
    String key = t.bridgeKey() == null ? newBridgeKey() : t.bridgeKey();
    checkKey(key, "bridge key");
    for (String lender : t.lenders()) {
      if (lender == null || lender.contains(",") || lender.isBlank()) {
        throw new IllegalArgumentException("bad lender partner key in rota: '" + lender + "'");
      }
    }
    Instant terminalAt = t.state().isTerminal() ? now : null;
    TransactionRecord saved = new TransactionRecord(key, t.requester(), t.supplier(), t.state(),
        t.serviceType(), t.itemSummary(), t.lenders(), t.lenderPosition(), t.dueDate(), now, now,
        terminalAt, 1);
    try (PreparedStatement ps = c().prepareStatement(
        "INSERT INTO ILL_TRANSACTION (BRIDGE_KEY, STATE, SERVICE_TYPE, REQ_PARTNER, REQ_AGENCY,"
            + " REQ_REQ_TXID, REQ_SUP_TXID, SUP_PARTNER, SUP_AGENCY, SUP_REQ_TXID, SUP_SUP_TXID,"
            + " ITEM_SUMMARY, LENDERS, LENDER_POSITION, DUE_DATE, CREATED_AT, UPDATED_AT, TERMINAL_AT,"
            + " VERSION) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, key);
      int i = bindMutable(ps, 2, saved);
      setInstant(ps, i++, now);
      setInstant(ps, i++, now);
      setInstant(ps, i++, terminalAt);
      ps.setLong(i, 1);
      ps.executeUpdate();
      long id = generatedId(ps);
      txIds.put(key, id);
      createdTimers.put(key, new java.util.HashSet<>());
      countState(saved.state().name(), 1);
      knownStates.put(key, new Object[] {1L, saved.state().name()});
      knownRecords.put(key, saved);
      return saved;
    } catch (SQLException e) {
      throw Jdbc.translate("creating transaction " + key, e);
    }
  }

  /** The columns {@link #mutableValues} gives the values of, in that order. */
  static final String[] MUTABLE_COLUMNS = {"STATE", "SERVICE_TYPE", "REQ_PARTNER", "REQ_AGENCY",
    "REQ_REQ_TXID", "REQ_SUP_TXID", "SUP_PARTNER", "SUP_AGENCY", "SUP_REQ_TXID", "SUP_SUP_TXID",
    "ITEM_SUMMARY", "LENDERS", "LENDER_POSITION", "DUE_DATE"};

  /** STATE .. DUE_DATE as written to the database (LENDER_POSITION an Integer, DUE_DATE a LocalDate). */
  static Object[] mutableValues(TransactionRecord t) {
    return new Object[] {
      t.state().name(),
      name(t.serviceType()),
      t.requester().partnerKey(),
      t.requester().agencyId() == null ? null : t.requester().agencyId().toString(),
      t.requester().requesterTxId(),
      t.requester().supplierTxId(),
      t.supplier().partnerKey(),
      t.supplier().agencyId() == null ? null : t.supplier().agencyId().toString(),
      t.supplier().requesterTxId(),
      t.supplier().supplierTxId(),
      clip(t.itemSummary(), 1000),
      t.lenders().isEmpty() ? null : String.join(",", t.lenders()),
      t.lenderPosition(),
      t.dueDate()
    };
  }

  /** Binds the value of {@code MUTABLE_COLUMNS[column]} as parameter {@code i}. */
  private static void bindColumn(PreparedStatement ps, int i, int column, Object v)
      throws SQLException {
    switch (MUTABLE_COLUMNS[column]) {
      case "LENDER_POSITION" -> ps.setInt(i, (Integer) v);
      case "DUE_DATE" -> setDate(ps, i, (java.time.LocalDate) v);
      default -> ps.setString(i, (String) v);
    }
  }

  /** Binds STATE .. DUE_DATE (14 columns) from {@code index}; returns the next index. */
  private static int bindMutable(PreparedStatement ps, int index, TransactionRecord t)
      throws SQLException {
    int i = index;
    Object[] values = mutableValues(t);
    for (int column = 0; column < values.length; column++) {
      bindColumn(ps, i++, column, values[column]);
    }
    return i;
  }

  @Override
  public Optional<TransactionRecord> lockTransaction(String bridgeKey) {
    try {
      TransactionRecord read = readUnlocked.remove(bridgeKey);
      if (read != null && txIds.containsKey(bridgeKey)) {
        // Read by findByAnyId in this unit: if the row still has that version once locked, it is
        // that record (every change of a TX_COLUMNS column adds one to VERSION), no second read.
        try (PreparedStatement ps = c().prepareStatement(
            "UPDATE ILL_TRANSACTION SET VERSION = VERSION WHERE BRIDGE_KEY = ? AND VERSION = ?")) {
          ps.setString(1, bridgeKey);
          ps.setLong(2, read.version());
          if (ps.executeUpdate() == 1) {
            knownStates.put(bridgeKey, new Object[] {read.version(), read.state().name()});
            knownRecords.put(bridgeKey, read);
            return Optional.of(read);
          }
        }
      }
      // An UPDATE that changes nothing takes the row's exclusive lock portably (Derby, PostgreSQL).
      try (PreparedStatement ps = c().prepareStatement(
          "UPDATE ILL_TRANSACTION SET VERSION = VERSION WHERE BRIDGE_KEY = ?")) {
        ps.setString(1, bridgeKey);
        if (ps.executeUpdate() == 0) {
          return Optional.empty();
        }
      }
      try (PreparedStatement ps = c().prepareStatement("SELECT " + JdbcTransactionStore.TX_COLUMNS
          + " FROM ILL_TRANSACTION t WHERE t.BRIDGE_KEY = ?")) {
        ps.setString(1, bridgeKey);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          // The row id, so that the message result, outbox rows and timers of this unit of work
          // do not look it up again.
          txIds.put(bridgeKey, rs.getLong("ID"));
          TransactionRecord locked = JdbcTransactionStore.transaction(rs);
          knownStates.put(bridgeKey, new Object[] {locked.version(), rs.getString("STATE")});
          knownRecords.put(bridgeKey, locked);
          return Optional.of(locked);
        }
      }
    } catch (SQLException e) {
      throw Jdbc.translate("locking transaction " + bridgeKey, e);
    }
  }

  @Override
  public List<TransactionRecord> findByAnyId(String id) {
    try {
      Map<String, Long> ids = new HashMap<>();
      List<TransactionRecord> found = JdbcTransactionStore.findByAnyId(c(), id, ids);
      txIds.putAll(ids);
      for (TransactionRecord t : found) {
        readUnlocked.put(t.bridgeKey(), t);
      }
      return found;
    } catch (SQLException e) {
      throw Jdbc.translate("finding transactions by id", e);
    }
  }

  @Override
  public TransactionRecord updateTransaction(TransactionRecord t) {
    Objects.requireNonNull(t, "transaction");
    Objects.requireNonNull(t.bridgeKey(), "bridge key");
    Instant terminalAt = !t.state().isTerminal() ? null : t.terminalAt() != null ? t.terminalAt() : now;
    String oldState;
    try {
      oldState = stateAt(t.bridgeKey(), t.version());
    } catch (SQLException e) {
      throw Jdbc.translate("updating transaction " + t.bridgeKey(), e);
    }
    // Only the columns that differ from the record this unit holds at that version (all of them
    // when it holds none): each index on an unchanged column is left alone (Derby checks every
    // index on a SET column, and ILL_TRANSACTION has a dozen).
    Object[] values = mutableValues(t);
    boolean[] set = new boolean[values.length];
    boolean setTerminal = true;
    TransactionRecord known = knownRecords.get(t.bridgeKey());
    if (known != null && known.version() == t.version()) {
      Object[] old = mutableValues(known);
      for (int column = 0; column < values.length; column++) {
        set[column] = !Objects.equals(old[column], values[column]);
      }
      setTerminal = !Objects.equals(millis(known.terminalAt()), millis(terminalAt));
    } else {
      java.util.Arrays.fill(set, true);
    }
    StringBuilder sql = new StringBuilder("UPDATE ILL_TRANSACTION SET ");
    for (int column = 0; column < values.length; column++) {
      if (set[column]) {
        sql.append(MUTABLE_COLUMNS[column]).append(" = ?, ");
      }
    }
    if (setTerminal) {
      sql.append("TERMINAL_AT = ?, ");
    }
    sql.append("UPDATED_AT = ?, VERSION = VERSION + 1 WHERE BRIDGE_KEY = ? AND VERSION = ?");
    try (PreparedStatement ps = c().prepareStatement(sql.toString())) {
      int i = 1;
      for (int column = 0; column < values.length; column++) {
        if (set[column]) {
          bindColumn(ps, i++, column, values[column]);
        }
      }
      if (setTerminal) {
        setInstant(ps, i++, terminalAt);
      }
      setInstant(ps, i++, now);
      ps.setString(i++, t.bridgeKey());
      ps.setLong(i, t.version());
      if (ps.executeUpdate() == 0) {
        if (JdbcTransactionStore.findTransaction(c(), t.bridgeKey()).isEmpty()) {
          throw new StoreException("no transaction " + t.bridgeKey());
        }
        throw new ConflictException("transaction " + t.bridgeKey() + " was changed concurrently");
      }
      if (oldState == null) {
        // Cannot happen: the update matched the version whose state was read (versions only grow).
        throw new ConflictException("transaction " + t.bridgeKey() + " was changed concurrently");
      }
      if (!oldState.equals(t.state().name())) {
        countState(oldState, -1);
        countState(t.state().name(), 1);
      }
      knownStates.put(t.bridgeKey(), new Object[] {t.version() + 1, t.state().name()});
      TransactionRecord saved = new TransactionRecord(t.bridgeKey(), t.requester(), t.supplier(),
          t.state(), t.serviceType(), t.itemSummary(), t.lenders(), t.lenderPosition(), t.dueDate(),
          t.createdAt(), now, terminalAt, t.version() + 1);
      knownRecords.put(t.bridgeKey(), saved);
      return saved;
    } catch (SQLException e) {
      throw Jdbc.translate("updating transaction " + t.bridgeKey(), e);
    }
  }

  @Override
  public void savePatron(String bridgeKey, Patron patron) {
    Objects.requireNonNull(patron, "patron");
    try {
      long txId = requireTxId(bridgeKey);
      try (PreparedStatement up = c().prepareStatement(
          "UPDATE PATRON SET PATRON_ID = ?, NAME = ?, STATUS = ? WHERE TX_ID = ?")) {
        up.setString(1, patron.id());
        up.setString(2, patron.name());
        up.setString(3, patron.status());
        up.setLong(4, txId);
        if (up.executeUpdate() > 0) {
          return;
        }
      }
      try (PreparedStatement ins = c().prepareStatement(
          "INSERT INTO PATRON (PATRON_ID, NAME, STATUS, TX_ID) VALUES (?, ?, ?, ?)")) {
        ins.setString(1, patron.id());
        ins.setString(2, patron.name());
        ins.setString(3, patron.status());
        ins.setLong(4, txId);
        ins.executeUpdate();
      }
    } catch (SQLException e) {
      throw Jdbc.translate("saving patron data", e);
    }
  }

  // --- outbox and timers -------------------------------------------------------------------

  @Override
  public long enqueue(NewOutboxItem item) {
    Objects.requireNonNull(item, "item");
    try {
      Long txId = item.bridgeKey() == null ? null : requireTxId(item.bridgeKey());
      try (PreparedStatement ps = c().prepareStatement(
          "INSERT INTO OUTBOX (TX_ID, ORDERING_KEY, PARTNER_KEY, ENDPOINT, MESSAGE_TYPE, CONTENT_TYPE,"
              + " PAYLOAD, CONTAINS_PATRON, REDACTED, STATUS, ATTEMPTS, CREATED_AT, QUEUED_AT,"
              + " NEXT_ATTEMPT_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE, 'PENDING', 0, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        setLong(ps, 1, txId);
        ps.setString(2, item.effectiveOrderingKey());
        ps.setString(3, item.partnerKey());
        ps.setString(4, item.endpoint());
        ps.setString(5, name(item.messageType()));
        ps.setString(6, item.contentType());
        ps.setBytes(7, item.payload());
        ps.setBoolean(8, item.containsPatronData());
        setInstant(ps, 9, now);
        setInstant(ps, 10, now);
        setInstant(ps, 11, item.notBefore() == null ? now : item.notBefore());
        ps.executeUpdate();
        long due = (item.notBefore() == null ? now : item.notBefore()).toEpochMilli();
        enqueued.merge(item.partnerKey(), due, Math::min);
        return generatedId(ps);
      }
    } catch (SQLException e) {
      throw Jdbc.translate("enqueueing outbound work", e);
    }
  }

  @Override
  public boolean markDelivered(long outboxId) {
    try (PreparedStatement ps = c().prepareStatement(JdbcOutbox.MARK_DELIVERED)) {
      setInstant(ps, 1, now);
      ps.setLong(2, outboxId);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw Jdbc.translate("recording a delivery", e);
    }
  }

  @Override
  public long scheduleTimer(String bridgeKey, String kind, Instant dueAt) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dueAt, "dueAt");
    try {
      long txId = requireTxId(bridgeKey);
      java.util.Set<String> created = createdTimers.get(bridgeKey);
      if (created != null && created.add(kind)) {
        return insertTimer(txId, kind, dueAt); // a transaction of this unit: no such timer yet
      }
      try (PreparedStatement up = c().prepareStatement(
          "UPDATE TIMER SET DUE_AT = ?, CREATED_AT = ? WHERE TX_ID = ? AND KIND = ?")) {
        setInstant(up, 1, dueAt);
        setInstant(up, 2, now);
        up.setLong(3, txId);
        up.setString(4, kind);
        if (up.executeUpdate() > 0) {
          try (PreparedStatement q = c().prepareStatement(
              "SELECT ID FROM TIMER WHERE TX_ID = ? AND KIND = ?")) {
            q.setLong(1, txId);
            q.setString(2, kind);
            try (ResultSet rs = q.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        }
      }
      return insertTimer(txId, kind, dueAt);
    } catch (SQLException e) {
      throw Jdbc.translate("scheduling a timer", e);
    }
  }

  private long insertTimer(long txId, String kind, Instant dueAt) throws SQLException {
    try (PreparedStatement ins = c().prepareStatement(
        "INSERT INTO TIMER (TX_ID, KIND, DUE_AT, CREATED_AT) VALUES (?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ins.setLong(1, txId);
      ins.setString(2, kind);
      setInstant(ins, 3, dueAt);
      setInstant(ins, 4, now);
      ins.executeUpdate();
      return generatedId(ins);
    }
  }

  @Override
  public int cancelTimers(String bridgeKey, String kind) {
    try {
      long txId = requireTxId(bridgeKey);
      java.util.Set<String> created = createdTimers.get(bridgeKey);
      if (created != null) {
        if (kind == null ? created.isEmpty() : !created.contains(kind)) {
          return 0; // a transaction of this unit, without a timer of that kind
        }
        if (kind == null) {
          created.clear();
        } else {
          created.remove(kind);
        }
      }
      try (PreparedStatement ps = c().prepareStatement(kind == null
          ? "DELETE FROM TIMER WHERE TX_ID = ?"
          : "DELETE FROM TIMER WHERE TX_ID = ? AND KIND = ?")) {
        ps.setLong(1, txId);
        if (kind != null) {
          ps.setString(2, kind);
        }
        return ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw Jdbc.translate("cancelling timers", e);
    }
  }

  @Override
  public boolean takeTimer(long timerId) {
    try (PreparedStatement ps = c().prepareStatement("DELETE FROM TIMER WHERE ID = ?")) {
      ps.setLong(1, timerId);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw Jdbc.translate("taking a timer", e);
    }
  }

  // --- audit -------------------------------------------------------------------------------

  @Override
  public void audit(String actor, String action, String bridgeKey, String partnerKey, String detail) {
    try {
      insertAudit(c(), now, actor, action, bridgeKey, partnerKey, detail);
    } catch (SQLException e) {
      throw Jdbc.translate("writing the audit log", e);
    }
  }

  static void insertAudit(Connection c, Instant at, String actor, String action, String bridgeKey,
      String partnerKey, String detail) throws SQLException {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO AUDIT_LOG (OCCURRED_AT, ACTOR, ACTION, BRIDGE_KEY, PARTNER_KEY, DETAIL)"
            + " VALUES (?, ?, ?, ?, ?, ?)")) {
      setInstant(ps, 1, at);
      ps.setString(2, clip(actor, 128));
      ps.setString(3, clip(action, 64));
      ps.setString(4, bridgeKey);
      ps.setString(5, partnerKey);
      ps.setString(6, clip(detail, 4000));
      ps.executeUpdate();
    }
  }

  // --- dashboard counts (V6) ---------------------------------------------------------------

  /**
   * The state of the transaction at {@code version}, or null if it is not at that version (the
   * update that follows then changes nothing). Known without a read when this unit locked,
   * created or updated the row.
   */
  private String stateAt(String bridgeKey, long version) throws SQLException {
    Object[] known = knownStates.get(bridgeKey);
    if (known != null && (Long) known[0] == version) {
      return (String) known[1];
    }
    try (PreparedStatement ps = c().prepareStatement(
        "SELECT ID, STATE, VERSION FROM ILL_TRANSACTION WHERE BRIDGE_KEY = ?")) {
      ps.setString(1, bridgeKey);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        txIds.put(bridgeKey, rs.getLong(1));
        return rs.getLong(3) == version ? rs.getString(2) : null;
      }
    }
  }

  private void countState(String state, long delta) {
    stateCounts.merge(state, delta, Long::sum);
  }

  /**
   * Writes this unit's changes to the running counts, in the database transaction that is about to
   * commit, to this unit's stripe (which no other running unit has, so no unit waits for another's
   * count rows; in the rare case that more units than stripes run, the fixed order below - states,
   * then minutes, each sorted - and the short hold, from here to the commit, keep it deadlock-free).
   */
  void writeCounts() throws SQLException {
    if (!stateCounts.isEmpty()) {
      stateCounts.values().removeIf(delta -> delta == 0);
      if (!stateCounts.isEmpty()) {
        addToStates();
      }
      stateCounts.clear();
    }
    if (!minuteCounts.isEmpty()) {
      long newMinute = Long.MIN_VALUE;
      for (Map.Entry<Long, Long> e : minuteCounts.entrySet()) {
        long minute = e.getKey();
        if (!addToMinute(minute, stripe, e.getValue())) {
          try (PreparedStatement ins = c().prepareStatement(
              "INSERT INTO MESSAGE_MINUTE (EPOCH_MINUTE, STRIPE, N) VALUES (?, ?, ?)")) {
            ins.setLong(1, minute);
            ins.setInt(2, stripe);
            ins.setLong(3, e.getValue());
            ins.executeUpdate();
            if (stripe == 0) {
              newMinute = Math.max(newMinute, minute);
            }
          } catch (SQLException dup) {
            if (!"23505".equals(dup.getSQLState()) || !addToMinute(minute, stripe, e.getValue())) {
              throw dup; // another unit created the row first (the statement alone failed): add to it
            }
          }
        }
      }
      if (newMinute != Long.MIN_VALUE) {
        // Only the unit that created a minute's stripe-0 row prunes, once per minute, after its
        // count updates: no other unit touches rows that old.
        try (PreparedStatement ps = c().prepareStatement("DELETE FROM MESSAGE_MINUTE WHERE EPOCH_MINUTE < ?")) {
          ps.setLong(1, newMinute - 8 * 24 * 60);
          ps.executeUpdate();
        }
      }
      minuteCounts.clear();
    }
  }

  /**
   * Adds {@link #stateCounts} (no zero entries) to this unit's stripe in one statement (a state
   * change is two rows, -1 and +1: it used to be two statements). Rows the statement did not find
   * (a state newer than V6, the first time a transaction enters it) are then inserted.
   */
  private void addToStates() throws SQLException {
    List<String> states = new ArrayList<>(stateCounts.keySet()); // sorted: the TreeMap's order
    StringBuilder sql = new StringBuilder("UPDATE TX_STATE_COUNT SET N = N + CASE");
    for (int i = 0; i < states.size(); i++) {
      sql.append(" WHEN STATE = ? THEN CAST(? AS BIGINT)");
    }
    sql.append(" ELSE 0 END WHERE STRIPE = ? AND STATE IN (");
    for (int i = 0; i < states.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(')');
    // The savepoint undoes the statement when a row is missing (rare, see below): the rows it did
    // find cannot be told apart afterwards from rows another unit added meanwhile on a shared stripe.
    java.sql.Savepoint before = c().setSavepoint();
    int updated;
    try (PreparedStatement ps = c().prepareStatement(sql.toString())) {
      int p = 1;
      for (String state : states) {
        ps.setString(p++, state);
        ps.setLong(p++, stateCounts.get(state));
      }
      ps.setInt(p++, stripe);
      for (String state : states) {
        ps.setString(p++, state);
      }
      updated = ps.executeUpdate();
    }
    if (updated == states.size()) {
      c().releaseSavepoint(before);
      return;
    }
    c().rollback(before);
    // V6 creates the rows of every state it knew; a state added to the model later gets its row
    // here, the first time a transaction enters it.
    try (PreparedStatement ps = c().prepareStatement(
        "UPDATE TX_STATE_COUNT SET N = N + ? WHERE STATE = ? AND STRIPE = ?")) {
      for (String state : states) {
        ps.setLong(1, stateCounts.get(state));
        ps.setString(2, state);
        ps.setInt(3, stripe);
        if (ps.executeUpdate() != 1) {
          insertStateCount(state, stateCounts.get(state));
        }
      }
    }
  }

  private void insertStateCount(String state, long delta) throws SQLException {
    try (PreparedStatement ins = c().prepareStatement(
        "INSERT INTO TX_STATE_COUNT (STATE, STRIPE, N) VALUES (?, ?, ?)")) {
      ins.setString(1, state);
      ins.setInt(2, stripe);
      ins.setLong(3, delta);
      ins.executeUpdate();
    } catch (SQLException dup) {
      if (!"23505".equals(dup.getSQLState())) {
        throw dup;
      }
      // another unit created the row first (only the statement failed): add to it
      try (PreparedStatement ps = c().prepareStatement(
          "UPDATE TX_STATE_COUNT SET N = N + ? WHERE STATE = ? AND STRIPE = ?")) {
        ps.setLong(1, delta);
        ps.setString(2, state);
        ps.setInt(3, stripe);
        if (ps.executeUpdate() != 1) {
          throw dup;
        }
      }
    }
  }

  private boolean addToMinute(long minute, int stripe, long delta) throws SQLException {
    try (PreparedStatement ps = c().prepareStatement(
        "UPDATE MESSAGE_MINUTE SET N = N + ? WHERE EPOCH_MINUTE = ? AND STRIPE = ?")) {
      ps.setLong(1, delta);
      ps.setLong(2, minute);
      ps.setInt(3, stripe);
      return ps.executeUpdate() == 1;
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  private long requireTxId(String bridgeKey) throws SQLException {
    Objects.requireNonNull(bridgeKey, "bridgeKey");
    Long cached = txIds.get(bridgeKey);
    if (cached == null && (cached = committedRowIds.get(bridgeKey)) != null) {
      txIds.put(bridgeKey, cached);
    }
    if (cached != null) {
      return cached;
    }
    try (PreparedStatement ps = c().prepareStatement("SELECT ID FROM ILL_TRANSACTION WHERE BRIDGE_KEY = ?")) {
      ps.setString(1, bridgeKey);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException("no transaction " + bridgeKey);
        }
        long id = rs.getLong(1);
        txIds.put(bridgeKey, id);
        return id;
      }
    }
  }

  private static Long millis(Instant at) {
    return at == null ? null : at.toEpochMilli();
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, java.sql.Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  private static long generatedId(PreparedStatement ps) throws SQLException {
    try (ResultSet keys = ps.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("the database returned no generated id");
      }
      return keys.getLong(1);
    }
  }

  static String newBridgeKey() {
    return "IB-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase();
  }

  static void checkKey(String key, String what) {
    if (key == null || key.isBlank() || key.length() > 64) {
      throw new IllegalArgumentException(what + " must be 1 to 64 characters: '" + key + "'");
    }
  }

  static List<String> copy(List<String> l) {
    return new ArrayList<>(l);
  }
}
