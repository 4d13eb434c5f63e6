package org.illbridge.store.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.illbridge.api.store.StoreMaintenance;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers {@link StoreMaintenance} (for the console) and runs retention on a schedule. Also a Gogo
 * shell command where a shell is installed: {@code illbridge:backup /path/to/backups}.
 */
@Component(
    service = {StoreMaintenance.class, StoreMaintenanceComponent.class},
    immediate = true,
    configurationPid = StoreMaintenanceComponent.PID,
    property = {"osgi.command.scope=illbridge", "osgi.command.function=backup",
        "osgi.command.function=purge"})
@Designate(ocd = StoreMaintenanceComponent.Config.class)
public class StoreMaintenanceComponent implements StoreMaintenance {
  public static final String PID = "org.illbridge.store.retention";
  private static final Logger LOG = LoggerFactory.getLogger(StoreMaintenanceComponent.class);

  @ObjectClassDefinition(name = "ILL Bridge data retention",
      description = "Patron data is purged, and messages carrying it redacted, this many days after"
          + " a transaction closes.")
  public @interface Config {
    @AttributeDefinition(name = "Retention (days)", min = "0")
    int retentionDays() default 90;

    @AttributeDefinition(name = "Run every (minutes)", min = "1")
    int intervalMinutes() default 60;
  }

  private final JdbcStoreMaintenance maintenance;
  private final ScheduledExecutorService scheduler;

  @Activate
  public StoreMaintenanceComponent(
      @Reference(target = "(illbridge.datasource=store)") DataSource dataSource, Config config) {
    this.maintenance = new JdbcStoreMaintenance(dataSource, Clock.systemUTC(),
        Duration.ofDays(Math.max(0, config.retentionDays())));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "illbridge-retention");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, config.intervalMinutes());
    scheduler.scheduleWithFixedDelay(this::runRetention, 1, every, TimeUnit.MINUTES);
  }

  private void runRetention() {
    try {
      maintenance.purgeExpired(Instant.now());
    } catch (RuntimeException e) {
      LOG.warn("Retention run failed, will try again: {}", e.getMessage());
    }
  }

  @Override
  public Path backup(Path directory) {
    return maintenance.backup(directory);
  }

  @Override
  public RetentionResult purgeExpired(Instant now) {
    return maintenance.purgeExpired(now);
  }

  /** Gogo command: {@code illbridge:backup <directory>}. */
  public String backup(String directory) {
    return "backup written to " + backup(Path.of(directory));
  }

  /** Gogo command: {@code illbridge:purge}. */
  public String purge() {
    return purgeExpired(Instant.now()).toString();
  }

  @Deactivate
  void deactivate() {
    scheduler.shutdownNow();
  }
}
