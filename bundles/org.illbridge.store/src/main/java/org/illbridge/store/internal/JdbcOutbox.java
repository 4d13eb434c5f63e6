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
import java.util.Set;
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

  private final DataSource dataSource;
  private final Clock clock;

  @Activate
  public JdbcOutbox(@Reference(target = "(illbridge.datasource=store)") DataSource dataSource) {
    this(dataSource, Clock.systemUTC());
  }

  public JdbcOutbox(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public List<OutboxItem> claimDue(Instant now, int max, int perPartnerLimit,
      Map<String, Integer> inFlight, Duration lease) {
    if (max < 1 || perPartnerLimit < 1) {
      throw new IllegalArgumentException("claim sizes must be positive");
    }
    Map<String, Integer> held = inFlight == null ? Map.of() : inFlight;
    Set<String> excludedPartners = new java.util.TreeSet<>();
    held.forEach((partner, n) -> {
      if (n != null && n >= perPartnerLimit) {
        excludedPartners.add(partner);
      }
    });
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<OutboxItem> candidates = new ArrayList<>();
        // Fetch more than needed: some candidates are dropped by the per-partner limit.
        int fetch = Math.min(Jdbc.MAX_PAGE, max * 4);
        candidates.addAll(candidates(c, "o.STATUS = 'PENDING' AND o.NEXT_ATTEMPT_AT <= ?",
            "o.NEXT_ATTEMPT_AT, o.ID", now, excludedPartners, fetch));
        // Rows of a crashed worker come back once their lease ran out.
        candidates.addAll(candidates(c, "o.STATUS = 'IN_FLIGHT' AND o.LEASE_UNTIL <= ?",
            "o.LEASE_UNTIL, o.ID", now, excludedPartners, fetch));
        Map<String, Integer> perPartner = new HashMap<>();
        List<OutboxItem> claimed = new ArrayList<>();
        try (PreparedStatement up = c.prepareStatement("UPDATE OUTBOX SET STATUS = 'IN_FLIGHT',"
            + " LEASE_UNTIL = ?, LAST_ATTEMPT_AT = ? WHERE ID = ? AND (STATUS = 'PENDING'"
            + " OR (STATUS = 'IN_FLIGHT' AND LEASE_UNTIL <= ?))")) {
          for (OutboxItem item : candidates) {
            if (claimed.size() == max) {
              break;
            }
            int n = perPartner.getOrDefault(item.partnerKey(), 0);
            if (n + held.getOrDefault(item.partnerKey(), 0) >= perPartnerLimit) {
              continue;
            }
            setInstant(up, 1, now.plus(lease));
            setInstant(up, 2, now);
            up.setLong(3, item.id());
            setInstant(up, 4, now);
            if (up.executeUpdate() == 1) {
              perPartner.put(item.partnerKey(), n + 1);
              claimed.add(withPayload(c, item, OutboxStatus.IN_FLIGHT, now));
            }
          }
        }
        c.commit();
        return claimed;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw Jdbc.translate("claiming outbox rows", e);
    }
  }

  private static List<OutboxItem> candidates(Connection c, String where, String order, Instant now,
      Set<String> excluded, int fetch) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(FROM).append(" WHERE ")
        .append(where);
    List<String> ex = excluded == null ? List.of() : new ArrayList<>(excluded);
    if (!ex.isEmpty()) {
      sql.append(" AND o.PARTNER_KEY NOT IN (").append("?,".repeat(ex.size() - 1)).append("?)");
    }
    sql.append(FIFO).append(" ORDER BY ").append(order).append(" FETCH FIRST ").append(fetch)
        .append(" ROWS ONLY");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      setInstant(ps, 1, now);
      for (int i = 0; i < ex.size(); i++) {
        ps.setString(i + 2, ex.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<OutboxItem> list = new ArrayList<>();
        while (rs.next()) {
          list.add(item(rs, null));
        }
        return list;
      }
    }
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

  @Override
  public boolean markDelivered(long id, Instant now) {
    return update("recording a delivery", "UPDATE OUTBOX SET STATUS = 'DELIVERED', DELIVERED_AT = ?,"
        + " ATTEMPTS = ATTEMPTS + 1, LEASE_UNTIL = NULL, LAST_ERROR = NULL"
        + " WHERE ID = ? AND STATUS = 'IN_FLIGHT'", now.toEpochMilli(), id);
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
      // By the transaction's row id (IX_OUTBOX_TX_ID, V3), not through the join: Derby would walk
      // the whole outbox newest first looking for the transaction's rows.
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
    return new OutboxItem(rs.getLong("ID"), rs.getString("BRIDGE_KEY"), rs.getString("PARTNER_KEY"),
        rs.getString("ENDPOINT"), parse(MessageType.class, rs.getString("MESSAGE_TYPE")),
        rs.getString("CONTENT_TYPE"), payload, rs.getBoolean("CONTAINS_PATRON"),
        rs.getString("ORDERING_KEY"), OutboxStatus.valueOf(rs.getString("STATUS")),
        rs.getInt("ATTEMPTS"), instant(rs, "CREATED_AT"), instant(rs, "QUEUED_AT"),
        instant(rs, "NEXT_ATTEMPT_AT"), instant(rs, "LAST_ATTEMPT_AT"), instant(rs, "DELIVERED_AT"),
        rs.getString("LAST_ERROR"));
  }
}
