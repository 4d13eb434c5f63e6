package org.illbridge.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.illbridge.api.store.StoreException;
import org.illbridge.api.store.StoreMaintenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Backup and patron-data retention on JDBC (Derby's backup procedure). */
public final class JdbcStoreMaintenance implements StoreMaintenance {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStoreMaintenance.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  /** Transactions purged per database transaction, to keep locks short. */
  private static final int BATCH = 200;
  static final String REDACTED_SUMMARY = "[redacted: patron data retention period ended]";

  private final DataSource dataSource;
  private final Clock clock;
  private final Duration retention;

  public JdbcStoreMaintenance(DataSource dataSource, Clock clock, Duration retention) {
    if (retention.isNegative()) {
      throw new IllegalArgumentException("the retention period must not be negative");
    }
    this.dataSource = dataSource;
    this.clock = clock;
    this.retention = retention;
  }

  @Override
  public Path backup(Path directory) {
    Path target = directory.toAbsolutePath().normalize()
        .resolve("illbridge-backup-" + STAMP.format(clock.instant()));
    try {
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        throw new StoreException("backup directory " + target + " exists already");
      }
      try (Connection c = dataSource.getConnection();
          CallableStatement cs = c.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
        cs.setString(1, target.toString());
        cs.execute();
      }
      // Derby copies the database into a sub-directory named like the database directory;
      // that sub-directory is what restoreFrom= needs.
      try (Stream<Path> children = Files.list(target)) {
        Path db = children.filter(Files::isDirectory).findFirst()
            .orElseThrow(() -> new StoreException("the backup in " + target + " holds no database"));
        LOG.info("Database backed up to {}", db);
        return db;
      }
    } catch (SQLException e) {
      throw Jdbc.translate("backing up the database to " + target, e);
    } catch (IOException e) {
      throw new StoreException("cannot write the backup to " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public RetentionResult purgeExpired(Instant now) {
    long cutoff = now.minus(retention).toEpochMilli();
    int transactions = 0;
    int messages = 0;
    int outbox = 0;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        while (true) {
          List<Long> ids = expired(c, cutoff);
          for (long id : ids) {
            execute(c, "DELETE FROM PATRON WHERE TX_ID = ?", id);
            messages += redactMessages(c, "TX_ID = ?", id, now);
            outbox += redactOutbox(c, id, now);
            execute(c, "UPDATE ILL_TRANSACTION SET PATRON_PURGED_AT = ? WHERE ID = ?", now.toEpochMilli(), id);
          }
          transactions += ids.size();
          c.commit();
          if (ids.size() < BATCH) {
            break;
          }
        }
        // Messages never matched to a transaction (refused requests) age out by their own time.
        messages += redactMessages(c, "TX_ID IS NULL AND LOGGED_AT <= ?", cutoff, now);
        if (transactions > 0 || messages > 0) {
          JdbcUnitOfWork.insertAudit(c, now, "system", "retention.purge", null, null,
              transactions + " transactions, " + messages + " messages, " + outbox + " outbox rows");
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw Jdbc.translate("purging expired patron data", e);
    }
    if (transactions > 0 || messages > 0) {
      LOG.info("Retention: purged patron data of {} transactions, redacted {} messages and {} outbox rows",
          transactions, messages, outbox);
    }
    return new RetentionResult(transactions, messages, outbox);
  }

  private static List<Long> expired(Connection c, long cutoff) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM ILL_TRANSACTION WHERE TERMINAL_AT <= ?"
        + " AND PATRON_PURGED_AT IS NULL ORDER BY TERMINAL_AT FETCH FIRST " + BATCH + " ROWS ONLY")) {
      ps.setLong(1, cutoff);
      try (ResultSet rs = ps.executeQuery()) {
        List<Long> ids = new ArrayList<>();
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
        return ids;
      }
    }
  }

  private static int redactMessages(Connection c, String where, long param, Instant now) throws SQLException {
    List<long[]> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT ID, RAW_SIZE FROM MESSAGE_LOG WHERE " + where
        + " AND CONTAINS_PATRON = TRUE AND REDACTED = FALSE")) {
      ps.setLong(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
      }
    }
    try (PreparedStatement up = c.prepareStatement("UPDATE MESSAGE_LOG SET RAW = ?, SUMMARY = ?,"
        + " WARNINGS = NULL, REDACTED = TRUE WHERE ID = ?")) {
      for (long[] row : rows) {
        up.setBytes(1, marker(now, row[1]));
        up.setString(2, REDACTED_SUMMARY);
        up.setLong(3, row[0]);
        up.executeUpdate();
      }
    }
    return rows.size();
  }

  private static int redactOutbox(Connection c, long txId, Instant now) throws SQLException {
    // A row still waiting after the retention period will never be wanted: it is discarded, so
    // that a redaction marker is never sent to a partner.
    try (PreparedStatement up = c.prepareStatement("UPDATE OUTBOX SET PAYLOAD = ?, REDACTED = TRUE,"
        + " STATUS = CASE WHEN STATUS = 'DELIVERED' THEN 'DELIVERED' ELSE 'DISCARDED' END"
        + " WHERE TX_ID = ? AND CONTAINS_PATRON = TRUE AND REDACTED = FALSE")) {
      up.setBytes(1, marker(now, -1));
      up.setLong(2, txId);
      return up.executeUpdate();
    }
  }

  static byte[] marker(Instant now, long originalSize) {
    return ("[ILL Bridge: redacted " + now + " at the end of the patron-data retention period"
        + (originalSize >= 0 ? "; original " + originalSize + " bytes" : "") + "]")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void execute(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.executeUpdate();
    }
  }
}
