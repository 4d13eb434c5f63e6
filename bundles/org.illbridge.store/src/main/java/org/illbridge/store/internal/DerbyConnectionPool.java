package org.illbridge.store.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.ConnectionEvent;
import javax.sql.ConnectionEventListener;
import javax.sql.DataSource;
import javax.sql.PooledConnection;
import org.apache.derby.jdbc.EmbeddedConnectionPoolDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps closed Derby connections for reuse. Opening an embedded connection costs about as much
 * CPU as a small unit of work (credentials, language context, default schema: about 15% of the
 * CPU of a message cycle in the store benchmark), and every unit of work and read opens one.
 *
 * <p>Hand-written on Derby's own {@link EmbeddedConnectionPoolDataSource}, which already resets
 * a physical connection's state (auto-commit, isolation, holdability) each time it hands out a
 * new logical connection; what is added here is only the list of idle connections. A pool library
 * (HikariCP, DBCP) would be one more bundle in the runtime for this. There is no upper bound on
 * open connections (as without the pool); at most {@code maxIdle} are kept when closed.
 */
final class DerbyConnectionPool implements DataSource {
  private static final Logger LOG = LoggerFactory.getLogger(DerbyConnectionPool.class);

  private final EmbeddedConnectionPoolDataSource source;
  private final DataSource plain;
  private final BlockingQueue<PooledConnection> idle;
  private final ConnectionEventListener listener = new ConnectionEventListener() {
    @Override
    public void connectionClosed(ConnectionEvent event) {
      PooledConnection pc = (PooledConnection) event.getSource();
      if (!closed && idle.offer(pc)) {
        if (closed && idle.remove(pc)) { // close() ran meanwhile
          discard(pc);
        }
      } else {
        discard(pc);
      }
    }

    @Override
    public void connectionErrorOccurred(ConnectionEvent event) {
      // Derby reports errors that end the session (database shut down, fatal store error): such
      // a connection is closed rather than reused.
      PooledConnection pc = (PooledConnection) event.getSource();
      idle.remove(pc);
      discard(pc);
    }
  };
  private volatile boolean closed;

  DerbyConnectionPool(String databaseName, DataSource plain, int maxIdle) {
    this.source = new EmbeddedConnectionPoolDataSource();
    this.source.setDatabaseName(databaseName);
    this.plain = plain;
    this.idle = new ArrayBlockingQueue<>(maxIdle);
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (closed) {
      throw new SQLException("the database " + source.getDatabaseName() + " is closed", "08003");
    }
    PooledConnection pc = idle.poll();
    if (pc == null) {
      pc = source.getPooledConnection();
      pc.addConnectionEventListener(listener);
    }
    try {
      return pc.getConnection();
    } catch (SQLException e) {
      discard(pc);
      throw e;
    }
  }

  int idleCount() {
    return idle.size();
  }

  /** Closes the idle connections; connections in use are closed when they are given back. */
  void close() {
    closed = true;
    for (PooledConnection pc; (pc = idle.poll()) != null; ) {
      discard(pc);
    }
  }

  private static void discard(PooledConnection pc) {
    try {
      pc.close();
    } catch (SQLException e) {
      LOG.debug("Closing a pooled connection failed: {}", e.getMessage());
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return plain.getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return plain.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    plain.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    plain.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return plain.getLoginTimeout();
  }

  @Override
  public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return plain.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return plain.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || plain.isWrapperFor(iface);
  }
}
