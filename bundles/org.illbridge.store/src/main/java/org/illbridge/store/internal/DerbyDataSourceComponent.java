package org.illbridge.store.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The bridge's database: an embedded Derby database, migrated to the current schema, offered as a
 * {@link DataSource} service. Shut down cleanly when the component goes away, so the next start
 * does not need crash recovery.
 */
@Component(
    service = DataSource.class,
    configurationPid = DerbyDataSourceComponent.PID,
    immediate = true,
    property = {"illbridge.datasource=store", "osgi.jdbc.driver.name=derby"})
@Designate(ocd = DerbyDataSourceComponent.Config.class)
public class DerbyDataSourceComponent implements DataSource {
  public static final String PID = "org.illbridge.store.datasource";
  /** Framework or system property naming the bridge's home directory. */
  public static final String HOME_PROPERTY = "illbridge.home";

  @ObjectClassDefinition(
      name = "ILL Bridge database",
      description = "Embedded Derby database holding partners, transactions, messages and the outbox.")
  public @interface Config {
    @AttributeDefinition(
        name = "Database directory",
        description = "Directory of the Derby database; ${illbridge.home} is replaced by the"
            + " bridge's home directory (the working directory when not set). Created on first start.")
    String databaseDirectory() default "${illbridge.home}/data/db";

    @AttributeDefinition(
        name = "Restore from",
        description = "Leave empty. To restore, put the path of a backup made by the console here,"
            + " restart, then clear it again (see the store README).")
    String restoreFrom() default "";
  }

  private final DerbyDatabase database;

  @Activate
  public DerbyDataSourceComponent(Config config, BundleContext context) {
    Path dir = resolveDirectory(config.databaseDirectory(), context.getProperty(HOME_PROPERTY));
    String restore = config.restoreFrom() == null ? "" : config.restoreFrom().trim();
    this.database = DerbyDatabase.open(dir, restore.isEmpty() ? null : Path.of(restore));
  }

  /** Replaces {@code ${illbridge.home}} by the home directory, or the working directory. */
  static Path resolveDirectory(String configured, String home) {
    String base = home == null || home.isBlank() ? System.getProperty("user.dir") : home;
    String value = configured == null || configured.isBlank()
        ? "${illbridge.home}/data/db" : configured.trim();
    return Path.of(value.replace("${" + HOME_PROPERTY + "}", base)).toAbsolutePath().normalize();
  }

  @Deactivate
  void deactivate() {
    database.close();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return database.dataSource().getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return database.dataSource().getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return database.dataSource().getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    database.dataSource().setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    database.dataSource().setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return database.dataSource().getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return database.dataSource().getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return database.dataSource().unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || database.dataSource().isWrapperFor(iface);
  }
}
