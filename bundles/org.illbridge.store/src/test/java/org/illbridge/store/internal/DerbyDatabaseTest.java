package org.illbridge.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.illbridge.api.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerbyDatabaseTest {
  @TempDir Path tmp;

  @Test
  void createsMigratesAndReopensIdempotently() throws Exception {
    Path dir = tmp.resolve("data/db");
    try (DerbyDatabase db = DerbyDatabase.open(dir)) {
      assertEquals(8, db.schemaVersion());
      assertTrue(tableNames(db).containsAll(List.of("PARTNER", "ILL_TRANSACTION", "MESSAGE_LOG",
          "OUTBOX", "TIMER", "AUDIT_LOG", "PATRON", "PARTNER_SETTING", "TX_STATE_COUNT", "MESSAGE_MINUTE", "SCHEMA_VERSION")));
    }
    try (DerbyDatabase db = DerbyDatabase.open(dir)) {
      assertEquals(8, db.schemaVersion());
      try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM SCHEMA_VERSION")) {
        rs.next();
        assertEquals(8, rs.getInt(1), "a migration must be applied once only");
      }
    }
  }

  @Test
  void refusesADatabaseFromANewerRelease() throws Exception {
    Path dir = tmp.resolve("db");
    try (DerbyDatabase db = DerbyDatabase.open(dir);
        Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO SCHEMA_VERSION VALUES (99, 'future', 'V99__future.sql', 'x', 0)");
    }
    StoreException e = assertThrows(StoreException.class, () -> DerbyDatabase.open(dir));
    assertTrue(e.getMessage().contains("newer release"), e.getMessage());
  }

  @Test
  void refusesAChangedMigration() throws Exception {
    Path dir = tmp.resolve("db");
    try (DerbyDatabase db = DerbyDatabase.open(dir);
        Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE SCHEMA_VERSION SET CHECKSUM = 'tampered' WHERE VERSION = 1");
    }
    StoreException e = assertThrows(StoreException.class, () -> DerbyDatabase.open(dir));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void splitsScriptsOnLineEndingSemicolons() {
    assertEquals(List.of("CREATE TABLE A (X INT)", "CREATE INDEX I ON A (X)"),
        SchemaMigrator.statements("-- comment\nCREATE TABLE A (\nX INT\n);\n\nCREATE INDEX I ON A (X);\n")
            .stream().map(s -> s.replace("\n", "")).toList());
  }

  @Test
  void homePlaceholderFallsBackToWorkingDirectory() {
    assertEquals(Path.of("/srv/ill/data/db"),
        DerbyDataSourceComponent.resolveDirectory("${illbridge.home}/data/db", "/srv/ill"));
    assertEquals(Path.of(System.getProperty("user.dir"), "data/db"),
        DerbyDataSourceComponent.resolveDirectory("", null));
  }

  static List<String> tableNames(DerbyDatabase db) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        ResultSet rs = c.getMetaData().getTables(null, "APP", "%", new String[] {"TABLE"})) {
      List<String> names = new java.util.ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
      return names;
    }
  }
}
