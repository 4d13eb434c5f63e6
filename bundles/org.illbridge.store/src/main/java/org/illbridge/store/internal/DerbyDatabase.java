package org.illbridge.store.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.illbridge.api.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens (creating if needed) an embedded Derby database in a directory, migrates it, and shuts it
 * down cleanly. Plain Java so that tests and benchmarks use exactly what the OSGi component uses.
 */
public final class DerbyDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DerbyDatabase.class);
  /** Idle connections kept for reuse: the outbox worker's threads and a few request threads. */
  private static final int POOLED_CONNECTIONS = 32;
  static final String STATEMENT_CACHE_PROPERTY = "derby.language.statementCacheSize";
  static final int STATEMENT_CACHE_SIZE = 500;

  private final Path directory;
  private final DerbyConnectionPool dataSource;
  private final int schemaVersion;

  private DerbyDatabase(Path directory, DerbyConnectionPool dataSource, int schemaVersion) {
    this.directory = directory;
    this.dataSource = dataSource;
    this.schemaVersion = schemaVersion;
  }

  /** Opens the database in {@code directory} (created when absent) and migrates it. */
  public static DerbyDatabase open(Path directory) {
    return open(directory, null);
  }

  /**
   * Opens the database, or first restores it from a backup made by {@link
   * org.illbridge.api.store.StoreMaintenance#backup} when {@code restoreFrom} is given.
   */
  public static DerbyDatabase open(Path directory, Path restoreFrom) {
    Path dir = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir.getParent());
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create the directory for the database " + dir, e);
    }
    defaultStatementCache();
    EmbeddedDataSource ds = new EmbeddedDataSource();
    ds.setDatabaseName(dir.toString());
    if (restoreFrom != null) {
      // Derby's restoreFrom replaces the database directory with the backup copy.
      ds.setConnectionAttributes("restoreFrom=" + restoreFrom.toAbsolutePath().normalize());
    } else {
      ds.setCreateDatabase("create");
    }
    try (Connection c = ds.getConnection();
        java.sql.CallableStatement cs = c.prepareCall(
            "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.language.sequence.preallocator', '10000')")) {
      // Identity values come from sequence generators that update the system catalog each time
      // their preallocated range runs out; with the default range (100) concurrent inserts fail
      // with 40XL1 "too much contention" under load (seen in the store benchmark at 16 threads,
      // and still now and then with 1000 on a machine with a load average of 8). A crash loses
      // at most the rest of a range: a gap in the row ids, which are only ever compared.
      cs.execute();
      LOG.info("Opened Derby database {}", dir);
    } catch (SQLException e) {
      throw new StoreException("cannot open the Derby database " + dir + ": " + e.getMessage(), e);
    }
    // Later connections neither create nor restore: those attributes act on the first one only.
    EmbeddedDataSource plain = new EmbeddedDataSource();
    plain.setDatabaseName(dir.toString());
    int version = new SchemaMigrator().migrate(plain);
    LOG.info("Database schema at version {}", version);
    return new DerbyDatabase(dir, new DerbyConnectionPool(dir.toString(), plain, POOLED_CONNECTIONS), version);
  }

  /**
   * Derby keeps compiled statements in one cache per database, 100 by default, read when the
   * database boots. The store prepares about 70 distinct statements (fixed SQL text with
   * parameters), the console's searches and the outbox's lease checks add variants, and Derby's
   * own catalog queries share the cache: 100 leaves little room, and an evicted statement is
   * compiled again (compiling was about 2% of the server's CPU in a JFR profile of the
   * life-cycle benchmark, first compiles included). A cached plan is a few kB. An operator's own
   * {@code -Dderby.language.statementCacheSize} is kept.
   */
  private static void defaultStatementCache() {
    if (System.getProperty(STATEMENT_CACHE_PROPERTY) == null) {
      System.setProperty(STATEMENT_CACHE_PROPERTY, String.valueOf(STATEMENT_CACHE_SIZE));
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Path directory() {
    return directory;
  }

  public int schemaVersion() {
    return schemaVersion;
  }

  /** Shuts the database down (not the whole Derby engine, which other databases may use). */
  @Override
  public void close() {
    dataSource.close();
    EmbeddedDataSource shutdown = new EmbeddedDataSource();
    shutdown.setDatabaseName(directory.toString());
    shutdown.setShutdownDatabase("shutdown");
    try (Connection c = shutdown.getConnection()) {
      LOG.warn("Derby did not report the shutdown of {}", directory);
    } catch (SQLException e) {
      // Derby signals a successful database shutdown with SQLState 08006.
      if ("08006".equals(e.getSQLState())) {
        LOG.info("Derby database {} shut down", directory);
      } else {
        LOG.warn("Derby shutdown of {} failed: {}", directory, e.getMessage());
      }
    }
  }
}
