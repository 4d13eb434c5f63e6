package org.illbridge.store.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
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
    int threads() default 24;

    @AttributeDefinition(name = "Deliveries per partner at once",
        description = "Caps how many threads one slow or dead partner can hold; also the most"
            + " messages one partner receives at a time.", min = "1")
    int perPartnerInFlight() default 8;

    @AttributeDefinition(name = "Deliveries at once for named partners",
        description = "partner-key:count entries overriding the value above for busy partners. The"
            + " home system gets a webhook for every lender answer (half of all outbound traffic);"
            + " keep the sum below the delivery threads so others still get some.")
    String[] partnerInFlight() default {"home:16"};

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

    @AttributeDefinition(name = "Poll interval (milliseconds)",
        description = "Longest wait between two looks at the outbox; new messages and finished"
            + " deliveries wake the worker at once.", min = "10")
    int pollIntervalMillis() default 1000;

    @AttributeDefinition(name = "Lease (seconds)",
        description = "A claimed message returns to the queue after this long if its worker died;"
            + " must exceed the longest delivery (connect + read timeouts).", min = "10")
    int leaseSeconds() default 300;
  }

  private final OutboxDispatcher dispatcher;
  private final int batchSize;
  private final long intervalMillis;
  private final OutboxHints hints;
  private final Thread poller;
  private volatile boolean running = true;

  @Activate
  public OutboxWorkerComponent(@Reference Outbox outbox, @Reference OutboxDelivery delivery, Config config) {
    this.batchSize = Math.max(16, config.threads() * 4);
    Duration initial = Duration.ofSeconds(Math.max(0, config.initialBackoffSeconds()));
    Duration max = Duration.ofMinutes(Math.max(1, config.maxBackoffMinutes()));
    // The JDBC outbox shares its hints with the store's units of work: enqueues wake the worker.
    this.hints = outbox instanceof JdbcOutbox jdbc ? jdbc.hints() : null;
    this.dispatcher = new OutboxDispatcher(outbox, delivery, new OutboxDispatcher.Settings(
        config.threads(), config.perPartnerInFlight(), batchSize,
        config.maxAttempts(), Duration.ofHours(config.maxAgeHours()), initial,
        max.compareTo(initial) < 0 ? initial : max, Duration.ofSeconds(config.leaseSeconds()),
        partnerLimits(config.partnerInFlight())),
        Clock.systemUTC(), hints == null ? () -> { } : hints::wake);
    this.intervalMillis = Math.max(10, config.pollIntervalMillis());
    this.poller = new Thread(this::run, "illbridge-outbox-poller");
    poller.setDaemon(true);
    poller.start();
    LOG.info("Outbox worker started: {} threads, {} per partner, others {}", config.threads(),
        config.perPartnerInFlight(), partnerLimits(config.partnerInFlight()));
  }

  /** {@code key:count} entries (also comma-separated in one value); bad ones are skipped, logged. */
  static Map<String, Integer> partnerLimits(String[] entries) {
    Map<String, Integer> limits = new TreeMap<>();
    for (String entry : entries == null ? new String[0] : entries) {
      for (String part : entry.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        int colon = part.lastIndexOf(':');
        String key = colon < 1 ? "" : part.substring(0, colon).trim();
        int n;
        try {
          n = Integer.parseInt(part.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
          n = 0;
        }
        if (key.isEmpty() || n < 1) {
          LOG.warn("Outbox partnerInFlight entry '{}' is not partner-key:count with a count of at"
              + " least 1; ignored", part.trim());
          continue;
        }
        limits.put(key, n);
      }
    }
    return limits;
  }

  private void run() {
    while (running) {
      drain();
      try {
        if (hints == null) {
          Thread.sleep(intervalMillis);
        } else {
          // Until woken, the poll interval, or the earliest retry the hints know of.
          long now = System.currentTimeMillis();
          long untilDue = hints.nextDueAfter(now) - now;
          hints.await(Math.max(1, Math.min(intervalMillis, untilDue)));
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void drain() {
    try {
      // Keep claiming while full batches come back, so a backlog drains without poll gaps.
      while (running && dispatcher.pollOnce() >= batchSize) {
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
    running = false;
    poller.interrupt();
    try {
      poller.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    dispatcher.close();
  }
}
