package org.illbridge.store.internal;

import static org.illbridge.store.internal.Jdbc.instant;
import static org.illbridge.store.internal.Jdbc.parse;
import static org.illbridge.store.internal.Jdbc.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.store.Outbox;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.OutboxQuery;
import org.illbridge.api.store.OutboxStatus;
import org.illbridge.api.store.Page;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link Outbox} on JDBC. */
@Component(service = Outbox.class)
public class JdbcOutbox implements Outbox {
  private static final String COLUMNS = "o.ID, t.BRIDGE_KEY, o.PARTNER_KEY, o.ENDPOINT, o.MESSAGE_TYPE,"
      + " o.CONTENT_TYPE, o.CONTAINS_PATRON, o.ORDERING_KEY, o.STATUS, o.ATTEMPTS, o.CREATED_AT,"
      + " o.QUEUED_AT, o.NEXT_ATTEMPT_AT, o.LAST_ATTEMPT_AT, o.DELIVERED_AT, o.LAST_ERROR";
  private static final String FROM = " FROM OUTBOX o LEFT JOIN ILL_TRANSACTION t ON t.ID = o.TX_ID";
  /** A row may go only when no earlier row of its ordering key is still unsettled. */
  private static final String FIFO = " AND NOT EXISTS (SELECT 1 FROM OUTBOX e WHERE e.ORDERING_KEY ="
      + " o.ORDERING_KEY AND e.ID < o.ID AND e.STATUS <> 'DELIVERED' AND e.STATUS <> 'DISCARDED')";

  /**
   * A partner's pending rows in id order, streamed from its index range (no sort), with everything
   * the delivery needs but the bridge key (the payload; the transaction's row id, whose bridge key
   * {@link #partnerCandidates} knows or looks up by primary key): a claimed row costs no further
   * read of OUTBOX. (A join or a scalar subquery on ILL_TRANSACTION here made Derby sort the
   * backlog or hash the whole transaction table on every claim.)
   */
  static final String PARTNER_SCAN = "SELECT o.ID, o.TX_ID, o.PARTNER_KEY, o.ENDPOINT, o.MESSAGE_TYPE,"
      + " o.CONTENT_TYPE, o.CONTAINS_PATRON, o.ORDERING_KEY, o.STATUS, o.ATTEMPTS, o.CREATED_AT,"
      + " o.QUEUED_AT, o.NEXT_ATTEMPT_AT, o.LAST_ATTEMPT_AT, o.DELIVERED_AT, o.LAST_ERROR, o.PAYLOAD"
      + " FROM OUTBOX o --DERBY-PROPERTIES index=IX_OUTBOX_PARTNER\n"
      + " WHERE o.PARTNER_KEY = ? AND o.STATUS = 'PENDING' ORDER BY o.ID";
  /** How many transactions' bridge keys the claim remembers by row id. */
  static final int BRIDGE_KEYS = 4096;
  /** How often the claim rescans the pending rows for partners the hints missed. */
  static final long RESCAN_MILLIS = 30_000;
  /** How often the claim looks for rows whose lease ran out. */
  static final long LEASE_CHECK_MILLIS = 5_000;

  private final DataSource dataSource;
  private final Clock clock;
  private final OutboxHints hints;
  private long nextRescanMillis = Long.MIN_VALUE;
  private long nextLeaseCheckMillis = Long.MIN_VALUE;
  private int rotation;
  /**
   * Transaction row id -> bridge key of the rows claimed lately (a transaction has several outbox
   * rows; row ids and bridge keys never change, rows are never deleted). Used under the claim's lock.
   */
  private final Map<Long, String> bridgeKeys = bridgeKeyCache();

  @Activate
  public JdbcOutbox(@Reference(target = "(illbridge.datasource=store)") DataSource dataSource) {
    this(dataSource, Clock.systemUTC());
  }

  public JdbcOutbox(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.hints = OutboxHints.of(dataSource);
  }

  /**
   * Claims due rows partner by partner, each from its own index range, so the cost is the rows
   * claimed, not the backlog: which partners may have due rows comes from {@link OutboxHints}
   * (rows enqueued, slots freed, retries due) plus a rescan of the pending rows every {@value
   * #RESCAN_MILLIS} ms, and rows whose lease ran out are looked for every {@value
   * #LEASE_CHECK_MILLIS} ms. Within a partner the oldest due rows go first; FIFO per ordering key
   * holds because a row is claimable only when no earlier row of its key is unsettled.
   */
  @Override
  public synchronized List<OutboxItem> claimDue(Instant now, int max, int perPartnerLimit,
      Map<String, Integer> inFlight, Duration lease) {
    if (max < 1 || perPartnerLimit < 1) {
      throw new IllegalArgumentException("claim sizes must be positive");
    }
    Map<String, Integer> held = inFlight == null ? Map.of() : inFlight;
    long nowMillis = now.toEpochMilli();
    // Hints taken out below and not settled by the claim go back after the commit.
    Map<String, Long> back = new HashMap<>();
    List<String> partners = List.of();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (nowMillis >= nextRescanMillis) {
          rescan(c);
          nextRescanMillis = nowMillis + RESCAN_MILLIS;
        }
        Map<String, Integer> perPartner = new HashMap<>();
        List<OutboxItem> claimed = new ArrayList<>();
        try (PreparedStatement up = c.prepareStatement("UPDATE OUTBOX SET STATUS = 'IN_FLIGHT',"
            + " LEASE_UNTIL = ?, LAST_ATTEMPT_AT = ? WHERE ID = ? AND (STATUS = 'PENDING'"
            + " OR (STATUS = 'IN_FLIGHT' AND LEASE_UNTIL <= ?))")) {
          if (nowMillis >= nextLeaseCheckMillis) {
            // Rows of a crashed or stuck worker come back once their lease ran out.
            for (OutboxItem item : expiredLeases(c, now, Math.min(Jdbc.MAX_PAGE, max * 4))) {
              if (claimed.size() == max) {
                break;
              }
              int n = perPartner.getOrDefault(item.partnerKey(), 0);
              if (n + held.getOrDefault(item.partnerKey(), 0) < perPartnerLimit
                  && claim(c, up, item, now, lease, claimed)) {
                perPartner.put(item.partnerKey(), n + 1);
              }
            }
            nextLeaseCheckMillis = nowMillis + LEASE_CHECK_MILLIS;
          }
          partners = hints.takeDue(nowMillis);
          int start = partners.isEmpty() ? 0 : Math.floorMod(rotation++, partners.size());
          for (int i = 0; i < partners.size(); i++) {
            String partner = partners.get((start + i) % partners.size());
            int busy = held.getOrDefault(partner, 0) + perPartner.getOrDefault(partner, 0);
            int want = Math.min(perPartnerLimit - busy, max - claimed.size());
            if (want <= 0) {
              back.put(partner, 0L); // still has work: looked at again when a slot frees
              continue;
            }
            List<OutboxItem> rows = partnerCandidates(c, partner, now, want, bridgeKeys);
            int got = 0;
            for (OutboxItem item : rows) {
              if (claim(c, up, item, now, lease, claimed)) {
                got++;
              }
            }
            perPartner.merge(partner, got, Integer::sum);
            if (rows.size() >= want || busy + got > 0) {
              // More may be due, or rows in flight will settle and free their successors.
              back.put(partner, 0L);
            } else {
              Long next = nextDue(c, partner, now);
              if (next != null) {
                back.put(partner, next);
              }
            }
          }
        }
        c.commit();
        back.forEach(hints::later);
        return claimed;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      partners.forEach(p -> hints.later(p, 0L));
      throw Jdbc.translate("claiming outbox rows", e);
    } catch (RuntimeException e) {
      partners.forEach(p -> hints.later(p, 0L));
      throw e;
    }
  }

  private static boolean claim(Connection c, PreparedStatement up, OutboxItem item, Instant now,
      Duration lease, List<OutboxItem> claimed) throws SQLException {
    setInstant(up, 1, now.plus(lease));
    setInstant(up, 2, now);
    up.setLong(3, item.id());
    setInstant(up, 4, now);
    if (up.executeUpdate() == 1) {
      // The partner scan read the payload already; a redaction since would have discarded the row
      // (JdbcStoreMaintenance), so the update above would not have matched. Expired leases are read
      // without it (rare).
      claimed.add(item.payload() != null ? inFlight(item, item.payload(), now)
          : withPayload(c, item, OutboxStatus.IN_FLIGHT, now));
      return true;
    }
    return false;
  }

  /** Every partner with a pending row becomes a hint: the safety net under the hints. */
  private void rescan(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT DISTINCT PARTNER_KEY FROM OUTBOX WHERE STATUS = 'PENDING'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        hints.later(rs.getString(1), 0L);
      }
    }
  }

  /**
   * A partner's claimable rows, oldest first, read in order from {@code IX_OUTBOX_PARTNER}
   * (partner, status, id): Derby stops after {@code fetch} rows without sorting. Rows waiting for
   * a retry are stepped over, which costs only while the partner is failing (then its hint comes
   * back only when its next retry is due).
   */
  static List<OutboxItem> partnerCandidates(Connection c, String partner, Instant now, int fetch,
      Map<Long, String> bridgeKeys) throws SQLException {
    // The FIFO check is a second statement per row instead of a NOT EXISTS in the scan: with the
    // subquery in the same statement Derby sorts the partner's whole backlog; alone, the scan
    // streams in index order.
    List<OutboxItem> items = new ArrayList<>();
    List<Long> txIds = new ArrayList<>();
    // Ordering keys with an earlier pending row in this scan: their later rows wait, no check needed.
    java.util.Set<String> blocked = new java.util.HashSet<>();
    try (PreparedStatement scan = c.prepareStatement(PARTNER_SCAN);
        PreparedStatement earlier = c.prepareStatement("SELECT 1 FROM OUTBOX WHERE ORDERING_KEY = ?"
            + " AND ID < ? AND STATUS <> 'DELIVERED' AND STATUS <> 'DISCARDED' FETCH FIRST 1 ROWS ONLY")) {
      scan.setString(1, partner);
      scan.setFetchSize(Math.min(64, fetch * 2));
      long nowMillis = now.toEpochMilli();
      try (ResultSet rs = scan.executeQuery()) {
        while (items.size() < fetch && rs.next()) {
          String key = rs.getString("ORDERING_KEY");
          if (!blocked.add(key)) {
            continue; // an earlier row of its key is still pending
          }
          if (rs.getLong("NEXT_ATTEMPT_AT") > nowMillis) {
            continue; // waiting for its retry
          }
          earlier.setString(1, key);
          earlier.setLong(2, rs.getLong("ID"));
          try (ResultSet e = earlier.executeQuery()) {
            if (!e.next()) {
              long txId = rs.getLong("TX_ID");
              txIds.add(rs.wasNull() ? null : txId);
              items.add(item(rs, null, rs.getBytes("PAYLOAD")));
            }
          }
        }
      }
    }
    for (int i = 0; i < items.size(); i++) {
      Long txId = txIds.get(i);
      if (txId != null) {
        OutboxItem r = items.get(i);
        items.set(i, new OutboxItem(r.id(), bridgeKey(c, txId, bridgeKeys), r.partnerKey(),
            r.endpoint(), r.messageType(), r.contentType(), r.payload(), r.containsPatronData(),
            r.orderingKey(), r.status(), r.attempts(), r.createdAt(), r.queuedAt(),
            r.nextAttemptAt(), r.lastAttemptAt(), r.deliveredAt(), r.lastError()));
      }
    }
    return items;
  }

  private static String bridgeKey(Connection c, long txId, Map<Long, String> known)
      throws SQLException {
    String key = known.get(txId);
    if (key == null) {
      try (PreparedStatement ps = c.prepareStatement("SELECT BRIDGE_KEY FROM ILL_TRANSACTION WHERE ID = ?")) {
        ps.setLong(1, txId);
        try (ResultSet rs = ps.executeQuery()) {
          key = rs.next() ? rs.getString(1) : null;
        }
      }
      if (key != null) {
        known.put(txId, key);
      }
    }
    return key;
  }

  /** An access-ordered map of at most {@value #BRIDGE_KEYS} entries (not thread-safe). */
  static Map<Long, String> bridgeKeyCache() {
    return new java.util.LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
        return size() > BRIDGE_KEYS;
      }
    };
  }

  /** When the partner's next pending row falls due after {@code now}, or null if none does. */
  private static Long nextDue(Connection c, String partner, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT MIN(NEXT_ATTEMPT_AT) FROM OUTBOX"
        + " WHERE PARTNER_KEY = ? AND STATUS = 'PENDING' AND NEXT_ATTEMPT_AT > ?")) {
      ps.setString(1, partner);
      setInstant(ps, 2, now);
      try (ResultSet rs = ps.executeQuery()) {
        long v = rs.next() ? rs.getLong(1) : 0;
        return v == 0 && rs.wasNull() ? null : v;
      }
    }
  }

  private static List<OutboxItem> expiredLeases(Connection c, Instant now, int fetch)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM
        + " WHERE o.STATUS = 'IN_FLIGHT' AND o.LEASE_UNTIL <= ?" + FIFO
        + " ORDER BY o.LEASE_UNTIL, o.ID FETCH FIRST " + fetch + " ROWS ONLY")) {
      setInstant(ps, 1, now);
      return items(ps);
    }
  }

  private static List<OutboxItem> items(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      List<OutboxItem> list = new ArrayList<>();
      while (rs.next()) {
        list.add(item(rs, null));
      }
      return list;
    }
  }

  /** The worker's wake-up: new rows, freed slots and due retries signal it. */
  OutboxHints hints() {
    return hints;
  }

  private static OutboxItem inFlight(OutboxItem i, byte[] payload, Instant now) {
    return new OutboxItem(i.id(), i.bridgeKey(), i.partnerKey(), i.endpoint(), i.messageType(),
        i.contentType(), payload, i.containsPatronData(), i.orderingKey(), OutboxStatus.IN_FLIGHT,
        i.attempts(), i.createdAt(), i.queuedAt(), i.nextAttemptAt(), now, i.deliveredAt(),
        i.lastError());
  }

  private static OutboxItem withPayload(Connection c, OutboxItem i, OutboxStatus status, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT PAYLOAD FROM OUTBOX WHERE ID = ?")) {
      ps.setLong(1, i.id());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new OutboxItem(i.id(), i.bridgeKey(), i.partnerKey(), i.endpoint(), i.messageType(),
            i.contentType(), rs.getBytes(1), i.containsPatronData(), i.orderingKey(), status,
            i.attempts(), i.createdAt(), i.queuedAt(), i.nextAttemptAt(), now, i.deliveredAt(),
            i.lastError());
      }
    }
  }

  /** Settles an in-flight row as delivered; shared with {@link JdbcUnitOfWork#markDelivered}. */
  static final String MARK_DELIVERED = "UPDATE OUTBOX SET STATUS = 'DELIVERED', DELIVERED_AT = ?,"
      + " ATTEMPTS = ATTEMPTS + 1, LEASE_UNTIL = NULL, LAST_ERROR = NULL"
      + " WHERE ID = ? AND STATUS = 'IN_FLIGHT'";

  @Override
  public boolean markDelivered(long id, Instant now) {
    return update("recording a delivery", MARK_DELIVERED, now.toEpochMilli(), id);
  }

  @Override
  public boolean markRetry(long id, String error, Instant nextAttemptAt, boolean countAttempt, Instant now) {
    return update("recording a failed delivery", "UPDATE OUTBOX SET STATUS = 'PENDING',"
        + " ATTEMPTS = ATTEMPTS + ?, NEXT_ATTEMPT_AT = ?, LEASE_UNTIL = NULL, LAST_ERROR = ?"
        + " WHERE ID = ? AND STATUS = 'IN_FLIGHT'", countAttempt ? 1 : 0, nextAttemptAt.toEpochMilli(),
        Jdbc.clip(error, 2000), id);
  }

  @Override
  public boolean markDead(long id, String error, Instant now) {
    return update("moving a row to the dead letters", "UPDATE OUTBOX SET STATUS = 'DEAD',"
        + " ATTEMPTS = ATTEMPTS + 1, LEASE_UNTIL = NULL, LAST_ERROR = ? WHERE ID = ? AND STATUS = 'IN_FLIGHT'",
        Jdbc.clip(error, 2000), id);
  }

  @Override
  public int releaseHeld(Instant now) {
    long nowMillis = now.toEpochMilli();
    List<String> partners = new ArrayList<>();
    int released = JdbcTransactionStore.read(dataSource, "releasing held outbox rows", c -> {
      c.setAutoCommit(false);
      try {
        String held = " WHERE STATUS = 'PENDING' AND NEXT_ATTEMPT_AT > ? AND LAST_ERROR LIKE ?";
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT PARTNER_KEY FROM OUTBOX" + held)) {
          ps.setLong(1, nowMillis);
          ps.setString(2, OutboxDispatcher.HELD + "%");
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              partners.add(rs.getString(1));
            }
          }
        }
        int n = partners.isEmpty() ? 0
            : execute(c, "UPDATE OUTBOX SET NEXT_ATTEMPT_AT = ?" + held, nowMillis, nowMillis,
                OutboxDispatcher.HELD + "%");
        c.commit();
        return n;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    });
    partners.forEach(p -> hints.due(p, 0L));
    return released;
  }

  @Override
  public boolean resend(long id, String actor) {
    Instant now = clock.instant();
    return adminChange(id, actor, "outbox.resend", "UPDATE OUTBOX SET STATUS = 'PENDING', ATTEMPTS = 0,"
        + " QUEUED_AT = ?, NEXT_ATTEMPT_AT = ?, LAST_ERROR = NULL WHERE ID = ?"
        + " AND (STATUS = 'DEAD' OR STATUS = 'DISCARDED')", now.toEpochMilli(), now.toEpochMilli(), id);
  }

  @Override
  public boolean discard(long id, String actor) {
    return adminChange(id, actor, "outbox.discard",
        "UPDATE OUTBOX SET STATUS = 'DISCARDED' WHERE ID = ? AND STATUS = 'DEAD'", id);
  }

  private boolean adminChange(long id, String actor, String action, String sql, Object... params) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        OutboxItem item = get(c, id);
        boolean changed = item != null && execute(c, sql, params) > 0;
        if (changed) {
          JdbcUnitOfWork.insertAudit(c, clock.instant(), actor, action, item.bridgeKey(),
              item.partnerKey(), "outbox row " + id + " (" + item.messageType() + ")");
        }
        c.commit();
        if (changed) {
          hints.due(item.partnerKey(), 0L);
        }
        return changed;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw Jdbc.translate(action, e);
    }
  }

  private boolean update(String doing, String sql, Object... params) {
    return JdbcTransactionStore.read(dataSource, doing, c -> execute(c, sql, params) > 0);
  }

  private static int execute(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }
  }

  @Override
  public OutboxItem get(long id) {
    return JdbcTransactionStore.read(dataSource, "reading outbox row " + id, c -> get(c, id));
  }

  private static OutboxItem get(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", o.PAYLOAD" + FROM
        + " WHERE o.ID = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? item(rs, rs.getBytes("PAYLOAD")) : null;
      }
    }
  }

  @Override
  public Page<OutboxItem> list(OutboxQuery q) {
    return JdbcTransactionStore.read(dataSource, "listing the outbox", c -> list(c, q));
  }

  static Long txId(Connection c, String bridgeKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM ILL_TRANSACTION WHERE BRIDGE_KEY = ?")) {
      ps.setString(1, bridgeKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  static Page<OutboxItem> list(Connection c, OutboxQuery q) throws SQLException {
    int limit = Jdbc.checkLimit(q.limit());
    long before = Jdbc.parseCursor(q.cursor());
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(FROM).append(" WHERE o.ID < ?");
    List<Object> params = new ArrayList<>(List.of(before));
    if (q.status() != null) {
      sql.append(" AND o.STATUS = ?");
      params.add(q.status().name());
    }
    if (q.partnerKey() != null) {
      sql.append(" AND o.PARTNER_KEY = ?");
      params.add(q.partnerKey());
    }
    if (q.bridgeKey() != null) {
      // By the transaction's row id (the index on TX_ID; its few rows sorted, V8), not through the
      // join: Derby would walk the whole outbox newest first looking for the transaction's rows.
      Long txId = txId(c, q.bridgeKey());
      if (txId == null) {
        return new Page<>(List.of(), null);
      }
      sql.append(" AND o.TX_ID = ?");
      params.add(txId);
    }
    sql.append(" ORDER BY o.ID DESC FETCH FIRST ").append(limit + 1).append(" ROWS ONLY");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<OutboxItem> list = new ArrayList<>();
        while (rs.next()) {
          list.add(item(rs, null));
        }
        return JdbcTransactionStore.pageOf(list, limit, OutboxItem::id);
      }
    }
  }

  @Override
  public Map<OutboxStatus, Long> countByStatus() {
    return JdbcTransactionStore.read(dataSource, "counting outbox rows", c -> {
      Map<OutboxStatus, Long> counts = new EnumMap<>(OutboxStatus.class);
      for (OutboxStatus s : OutboxStatus.values()) {
        counts.put(s, 0L);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT STATUS, COUNT(*) FROM OUTBOX GROUP BY STATUS");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(OutboxStatus.valueOf(rs.getString(1)), rs.getLong(2));
        }
      }
      return counts;
    });
  }

  private static OutboxItem item(ResultSet rs, byte[] payload) throws SQLException {
    return item(rs, rs.getString("BRIDGE_KEY"), payload);
  }

  private static OutboxItem item(ResultSet rs, String bridgeKey, byte[] payload) throws SQLException {
    return new OutboxItem(rs.getLong("ID"), bridgeKey, rs.getString("PARTNER_KEY"),
        rs.getString("ENDPOINT"), parse(MessageType.class, rs.getString("MESSAGE_TYPE")),
        rs.getString("CONTENT_TYPE"), payload, rs.getBoolean("CONTAINS_PATRON"),
        rs.getString("ORDERING_KEY"), OutboxStatus.valueOf(rs.getString("STATUS")),
        rs.getInt("ATTEMPTS"), instant(rs, "CREATED_AT"), instant(rs, "QUEUED_AT"),
        instant(rs, "NEXT_ATTEMPT_AT"), instant(rs, "LAST_ATTEMPT_AT"), instant(rs, "DELIVERED_AT"),
        rs.getString("LAST_ERROR"));
  }
}
