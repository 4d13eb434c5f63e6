package org.illbridge.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.illbridge.api.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database to the current schema by applying versioned SQL scripts ({@code
 * db/migration/V<n>__<description>.sql}, listed in {@code db/migration/migrations.txt}) that have
 * not been applied yet, each in its own transaction, and recording them in {@code
 * SCHEMA_VERSION}.
 *
 * <p>Hand-written rather than Flyway on purpose: Flyway 10 finds its database support and
 * migrations through {@code ServiceLoader} and class-path scanning, which need SPI Fly and
 * bundle-wiring workarounds under Felix, and it moved Derby support into a separate plug-in. What
 * the bridge needs (ordered scripts, a version table, checksums, refusing a newer schema) is
 * about a hundred lines. The scripts and the table follow Flyway's naming, so switching later
 * is a matter of baselining.
 */
public final class SchemaMigrator {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
  private static final String BASE = "db/migration/";
  private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

  private final ClassLoader loader;

  public SchemaMigrator() {
    this(SchemaMigrator.class.getClassLoader());
  }

  SchemaMigrator(ClassLoader loader) {
    this.loader = loader;
  }

  /** One script of the migration list. */
  record Script(int version, String description, String fileName, String sql, String checksum) {}

  /**
   * Applies the pending scripts.
   *
   * @return the schema version after migrating
   * @throws StoreException when a script fails, an applied script was changed, or the database
   *     is newer than this code
   */
  public int migrate(DataSource dataSource) {
    List<Script> scripts = loadScripts();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        return migrate(c, scripts);
      } catch (RuntimeException | SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("schema migration failed: " + e.getMessage(), e);
    }
  }

  private int migrate(Connection c, List<Script> scripts) throws SQLException {
    {
      ensureVersionTable(c);
      Map<Integer, String> applied = appliedVersions(c);
      int known = scripts.isEmpty() ? 0 : scripts.get(scripts.size() - 1).version();
      int current = applied.isEmpty() ? 0 : ((TreeMap<Integer, String>) applied).lastKey();
      if (current > known) {
        throw new StoreException("the database schema is version " + current
            + " but this ILL Bridge only knows up to version " + known
            + ": it was used by a newer release; restore a backup or upgrade");
      }
      for (Script s : scripts) {
        String checksum = applied.get(s.version());
        if (checksum != null) {
          if (!checksum.equals(s.checksum())) {
            throw new StoreException("migration " + s.fileName()
                + " was changed after it was applied to this database (checksum mismatch)");
          }
          continue;
        }
        apply(c, s);
        current = s.version();
      }
      c.commit();
      return current;
    }
  }

  private void apply(Connection c, Script s) throws SQLException {
    LOG.info("Applying schema migration {}", s.fileName());
    try (Statement st = c.createStatement()) {
      for (String sql : statements(s.sql())) {
        st.execute(sql);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO SCHEMA_VERSION (VERSION, DESCRIPTION, SCRIPT, CHECKSUM, APPLIED_AT)"
              + " VALUES (?, ?, ?, ?, ?)")) {
        ps.setInt(1, s.version());
        ps.setString(2, s.description());
        ps.setString(3, s.fileName());
        ps.setString(4, s.checksum());
        ps.setLong(5, System.currentTimeMillis());
        ps.executeUpdate();
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw new SQLException("in " + s.fileName() + ": " + e.getMessage(), e.getSQLState(), e);
    }
  }

  private static void ensureVersionTable(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    try (ResultSet rs = md.getTables(null, null, "SCHEMA_VERSION", new String[] {"TABLE"})) {
      if (rs.next()) {
        return;
      }
    }
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE SCHEMA_VERSION (VERSION INT NOT NULL PRIMARY KEY,"
          + " DESCRIPTION VARCHAR(200) NOT NULL, SCRIPT VARCHAR(200) NOT NULL,"
          + " CHECKSUM VARCHAR(64) NOT NULL, APPLIED_AT BIGINT NOT NULL)");
    }
    c.commit();
  }

  private static Map<Integer, String> appliedVersions(Connection c) throws SQLException {
    Map<Integer, String> applied = new TreeMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT VERSION, CHECKSUM FROM SCHEMA_VERSION")) {
      while (rs.next()) {
        applied.put(rs.getInt(1), rs.getString(2));
      }
    }
    return applied;
  }

  List<Script> loadScripts() {
    String index = read(BASE + "migrations.txt");
    List<Script> scripts = new ArrayList<>();
    int previous = 0;
    for (String line : index.split("\n")) {
      String name = line.trim();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      Matcher m = NAME.matcher(name);
      if (!m.matches()) {
        throw new StoreException("bad migration name " + name + " (expected V<n>__<words>.sql)");
      }
      int version = Integer.parseInt(m.group(1));
      if (version != previous + 1) {
        throw new StoreException("migration " + name + " breaks the sequence after V" + previous);
      }
      previous = version;
      String sql = read(BASE + name);
      scripts.add(new Script(version, m.group(2).replace('_', ' '), name, sql, sha256(sql)));
    }
    return scripts;
  }

  /** Splits a script on semicolons that end a line, dropping {@code --} comment lines. */
  static List<String> statements(String script) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      if (trimmed.endsWith(";")) {
        current.append(trimmed, 0, trimmed.length() - 1);
        result.add(current.toString().trim());
        current.setLength(0);
      } else {
        current.append(trimmed).append('\n');
      }
    }
    if (!current.toString().isBlank()) {
      result.add(current.toString().trim());
    }
    return result;
  }

  private String read(String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StoreException("migration resource missing: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new StoreException("cannot read " + resource, e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
