package org.illbridge.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerbyConnectionPoolTest {
  @TempDir Path tmp;

  @Test
  void reusesConnectionsWithTheirStateReset() throws Exception {
    DerbyDatabase db = DerbyDatabase.open(tmp.resolve("db"));
    DerbyConnectionPool pool = (DerbyConnectionPool) db.dataSource();
    try {
      int before = pool.idleCount();
      try (Connection c = db.dataSource().getConnection()) {
        assertEquals(Math.max(0, before - 1), pool.idleCount());
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        try (Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO AUDIT_LOG (OCCURRED_AT, ACTOR, ACTION) VALUES (1, 'a', 'b')");
        }
        c.rollback();
      }
      assertEquals(Math.max(1, before), pool.idleCount(), "a closed connection is kept");
      try (Connection c = db.dataSource().getConnection()) {
        assertEquals(Math.max(1, before) - 1, pool.idleCount(), "and handed out again");
        assertTrue(c.getAutoCommit(), "auto-commit is back on");
        assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM AUDIT_LOG")) {
          rs.next();
          assertEquals(0, rs.getInt(1));
        }
      }
      // Two at once are two connections, both kept afterwards.
      try (Connection a = db.dataSource().getConnection(); Connection b = db.dataSource().getConnection()) {
        assertTrue(a != b);
      }
      assertEquals(Math.max(2, before), pool.idleCount());
    } finally {
      db.close();
    }
    SQLException e = assertThrows(SQLException.class, () -> db.dataSource().getConnection());
    assertEquals("08003", e.getSQLState());
  }
}
