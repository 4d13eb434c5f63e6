package org.illbridge.store.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.illbridge.api.store.Outbox;
import org.illbridge.api.store.OutboxDelivery;
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
 * Runs the {@link OutboxDispatcher} while an {@link OutboxDelivery} (the engine) is present.
 */
@Component(service = {}, immediate = true, configurationPid = OutboxWorkerComponent.PID)
@Designate(ocd = OutboxWorkerComponent.Config.class)
public class OutboxWorkerComponent {
  public static final String PID = "org.illbridge.store.outbox";
  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorkerComponent.class);

  @ObjectClassDefinition(name = "ILL Bridge outbox worker",
      description = "Delivers outbound messages with retries; failing ones end in the dead letters.")
  public @interface Config {
    @AttributeDefinition(name = "Delivery threads", min = "1")
    int threads() default 8;

    @AttributeDefinition(name = "Deliveries per partner at once",
        description = "Caps how many threads one slow or dead partner can hold.", min = "1")
    int perPartnerInFlight() default 2;

    @AttributeDefinition(name = "Attempts before dead letter", min = "1")
    int maxAttempts() default 12;

    @AttributeDefinition(name = "Hours before dead letter",
        description = "A message still failing this long after it was queued goes to the dead letters.",
        min = "1")
    int maxAgeHours() default 72;

    @AttributeDefinition(name = "First retry after (seconds)", min = "0")
    int initialBackoffSeconds() default 5;

    @AttributeDefinition(name = "Longest wait between retries (minutes)", min = "1")
    int maxBackoffMinutes() default 60;

    @AttributeDefinition(name = "Poll interval (milliseconds)", min = "10")
    int pollIntervalMillis() default 200;

    @AttributeDefinition(name = "Lease (seconds)",
        description = "A claimed message returns to the queue after this long if its worker died;"
            + " must exceed the longest delivery (connect + read timeouts).", min = "10")
    int leaseSeconds() default 300;
  }

  private final OutboxDispatcher dispatcher;
  private final int batchSize;
  private final ScheduledExecutorService poller;

  @Activate
  public OutboxWorkerComponent(@Reference Outbox outbox, @Reference OutboxDelivery delivery, Config config) {
    this.batchSize = Math.max(16, config.threads() * 4);
    Duration initial = Duration.ofSeconds(Math.max(0, config.initialBackoffSeconds()));
    Duration max = Duration.ofMinutes(Math.max(1, config.maxBackoffMinutes()));
    this.dispatcher = new OutboxDispatcher(outbox, delivery, new OutboxDispatcher.Settings(
        config.threads(), config.perPartnerInFlight(), batchSize,
        config.maxAttempts(), Duration.ofHours(config.maxAgeHours()), initial,
        max.compareTo(initial) < 0 ? initial : max, Duration.ofSeconds(config.leaseSeconds())),
        Clock.systemUTC());
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "illbridge-outbox-poller");
      t.setDaemon(true);
      return t;
    });
    long interval = Math.max(10, config.pollIntervalMillis());
    poller.scheduleWithFixedDelay(this::drain, interval, interval, TimeUnit.MILLISECONDS);
    LOG.info("Outbox worker started: {} threads, {} per partner", config.threads(), config.perPartnerInFlight());
  }

  private void drain() {
    try {
      // Keep claiming while full batches come back, so a backlog drains without poll gaps.
      while (dispatcher.pollOnce() >= batchSize && !Thread.currentThread().isInterrupted()) {
        if (dispatcher.inFlightCount() > 1000) {
          break;
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Outbox poll failed, trying again: {}", e.getMessage());
    }
  }

  @Deactivate
  void deactivate() {
    poller.shutdownNow();
    dispatcher.close();
  }
}
