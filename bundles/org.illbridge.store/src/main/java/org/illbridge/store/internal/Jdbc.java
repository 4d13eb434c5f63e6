package org.illbridge.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.illbridge.api.store.ConflictException;
import org.illbridge.api.store.StoreException;

/** Small JDBC helpers shared by the store classes. */
final class Jdbc {
  private Jdbc() {}

  static final int MAX_PAGE = 1000;

  static void setInstant(PreparedStatement ps, int i, Instant v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v.toEpochMilli());
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  static void setDate(PreparedStatement ps, int i, LocalDate v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.DATE);
    } else {
      ps.setDate(i, java.sql.Date.valueOf(v));
    }
  }

  static LocalDate date(ResultSet rs, String column) throws SQLException {
    java.sql.Date d = rs.getDate(column);
    return d == null ? null : d.toLocalDate();
  }

  static String name(Enum<?> e) {
    return e == null ? null : e.name();
  }

  static <E extends Enum<E>> E parse(Class<E> type, String value) {
    return value == null ? null : Enum.valueOf(type, value);
  }

  /** Cuts free text to its column width: a long error message must not fail a write. */
  static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  static String joinLines(List<String> lines, int max) {
    return lines == null || lines.isEmpty() ? null : clip(String.join("\n", lines), max);
  }

  static List<String> splitLines(String text) {
    return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
  }

  static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("page size must be between 1 and " + MAX_PAGE + ", was " + limit);
    }
    return limit;
  }

  /** Cursors are the id of the last row returned; opaque to callers. */
  static long parseCursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return Long.MAX_VALUE;
    }
    try {
      long v = Long.parseLong(cursor);
      if (v <= 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a valid page cursor: " + cursor);
    }
  }

  /** Translates a database error; lost races become {@link ConflictException} (retryable). */
  static StoreException translate(String doing, SQLException e) {
    String state = rootState(e);
    String msg = doing + ": " + e.getMessage();
    if (state != null) {
      switch (state) {
        case "23505":
          return new ConflictException(doing + ": a unique value is already taken (" + e.getMessage() + ")", e);
        case "40001": // deadlock victim
        case "40XL1": // lock wait timeout
        case "40XL2":
          return new ConflictException(doing + ": lost a lock race (" + e.getMessage() + ")", e);
        case "22001":
          return new StoreException(doing + ": a value is longer than its column allows", e);
        default:
          break;
      }
    }
    return new StoreException(msg, e);
  }

  private static String rootState(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return null;
  }
}
