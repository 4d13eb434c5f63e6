package org.illbridge.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.illbridge.api.codec.ProtocolCodec;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.store.DeliveryOutcome;
import org.illbridge.api.store.Outbox;
import org.illbridge.api.store.OutboxDelivery;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.TransactionStore;
import org.illbridge.api.transport.InboundHandler;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.api.transport.Transport;
import org.illbridge.api.engine.EngineActions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine as one DS component: it is the {@link InboundHandler} the transports call, the
 * {@link OutboxDelivery} the store's outbox worker calls, and the staff {@link EngineActions}. The
 * store services are static references; dialects, codecs and transports are bound dynamically so
 * they can come and go while messages flow.
 */
@Component(
    service = {InboundHandler.class, OutboxDelivery.class, EngineActions.class},
    configurationPid = EngineComponent.PID)
@Designate(ocd = EngineComponent.Config.class)
public final class EngineComponent implements InboundHandler, OutboxDelivery, EngineActions {
  public static final String PID = "org.illbridge.engine";
  private static final Logger LOG = LoggerFactory.getLogger(EngineComponent.class);
  /** Services one bundle registers within this pause lead to one release of held rows. */
  private static final long RELEASE_PAUSE_MILLIS = 200;

  @ObjectClassDefinition(name = "ILL Bridge engine", description = "Routing, lender rota and delivery.")
  public @interface Config {
    @AttributeDefinition(name = "Home partner key",
        description = "Partner key of the home ILL system; requests from ISO partners go to it.")
    String homePartnerKey() default "home";

    @AttributeDefinition(name = "Default days to respond",
        description = "Used for lenders whose own days-to-respond is not set.", min = "1")
    int defaultDaysToRespond() default 7;

    @AttributeDefinition(name = "Status query grace (hours)",
        description = "How long a lender has to answer the status query before the rota moves on.",
        min = "0")
    int statusQueryGraceHours() default 24;

    @AttributeDefinition(name = "Hold delay (seconds)",
        description = "How often held messages (dialect or codec not installed) are looked at again.",
        min = "1")
    int holdDelaySeconds() default 10;

    @AttributeDefinition(name = "Timer poll (seconds)", description = "How often due timers are fired.",
        min = "1")
    int timerPollSeconds() default 15;

    @AttributeDefinition(name = "Length of a day (tests and demos only)",
        description = "ISO-8601 duration one day of the partners' days-to-respond lasts (the "
            + "status-query grace hours are 24ths of it). Keep P1D in production; end-to-end tests "
            + "use e.g. PT5S to see the rota's timers fire on the real clock.")
    String dayLength() default "P1D";

    @AttributeDefinition(name = "Load-levelling window (days)",
        description = "Equal candidates of a rota (a group in the home system's lender list) are "
            + "asked least loaded first: the load is how many requests each was asked in this many "
            + "recent days. 0 keeps the listed order.", min = "0")
    int loadLevellingDays() default EngineSettings.DEFAULT_LOAD_LEVELLING_DAYS;
  }

  private final Plugins plugins = new Plugins();
  private final InboundProcessor inbound;
  private final OutboundDelivery delivery;
  private final TimerRunner timers;
  private final StaffActions actions;
  private final ScheduledExecutorService scheduler;
  private final Outbox outbox;
  private final Clock clock = Clock.systemUTC();
  private final AtomicBoolean releasePending = new AtomicBoolean();

  @Activate
  public EngineComponent(
      @Reference TransactionStore store,
      @Reference PartnerDirectory directory,
      @Reference Outbox outbox,
      Config config) {
    EngineSettings settings = EngineSettings.of(config.homePartnerKey(),
        Math.max(1, config.defaultDaysToRespond()), config.statusQueryGraceHours(),
        Duration.ofSeconds(Math.max(1, config.holdDelaySeconds())), dayLength(config.dayLength()))
        .withLoadLevellingDays(Math.max(0, config.loadLevellingDays()));
    this.outbox = outbox;
    Router router = new Router(directory, settings, clock);
    this.inbound = new InboundProcessor(store, directory, plugins, router);
    this.delivery = new OutboundDelivery(store, plugins, router);
    this.timers = new TimerRunner(store, plugins, router);
    this.actions = new StaffActions(store, router, inbound);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "illbridge-engine-timers");
      t.setDaemon(true);
      return t;
    });
    long poll = Math.max(1, config.timerPollSeconds());
    scheduler.scheduleWithFixedDelay(this::fireTimers, poll, poll, TimeUnit.SECONDS);
  }

  /** A wrong value must not stop the engine: it is reported and real days are used. */
  private static Duration dayLength(String text) {
    Duration d;
    try {
      d = EngineSettings.parseDayLength(text);
    } catch (IllegalArgumentException e) {
      LOG.error("Engine setting {}: {}; using P1D", "dayLength", e.getMessage());
      return EngineSettings.ONE_DAY;
    }
    if (!d.equals(EngineSettings.ONE_DAY)) {
      LOG.warn("Engine: a day of days-to-respond lasts {} (dayLength), not 24 hours: for tests and"
          + " demos only", d);
    }
    return d;
  }

  @Deactivate
  void deactivate() {
    scheduler.shutdownNow();
  }

  /**
   * Something a held outbox row may be waiting for appeared (a dialect, codec or transport): the
   * held rows are made due now instead of after {@code holdDelaySeconds}. The release runs on the
   * engine's own thread, never on the framework thread that registers the service, after a short
   * pause that gathers the services one bundle registers together into one release.
   */
  private void releaseHeldSoon() {
    if (releasePending.compareAndSet(false, true)) {
      try {
        scheduler.schedule(this::releaseHeld, RELEASE_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) { // deactivated meanwhile
        releasePending.set(false);
      }
    }
  }

  private void releaseHeld() {
    releasePending.set(false);
    try {
      int released = outbox.releaseHeld(clock.instant());
      if (released > 0) {
        LOG.info("{} held outbox row(s) released: a dialect, codec or transport appeared", released);
      }
    } catch (RuntimeException e) {
      LOG.warn("Releasing held outbox rows failed; they are tried again after their hold delay", e);
    }
  }

  private void fireTimers() {
    try {
      int fired;
      do {
        fired = timers.runDue(100);
      } while (fired == 100);
    } catch (RuntimeException e) {
      LOG.warn("Firing engine timers failed; trying again at the next poll", e);
    }
  }

  @Override
  public InboundResult handle(InboundMessage message) {
    return inbound.handle(message);
  }

  @Override
  public InboundResult handle(InboundMessage message, AuditLine audit) {
    return actions.handle(message, audit);
  }

  @Override
  public DeliveryOutcome deliver(OutboxItem item) throws Exception {
    return delivery.deliver(item);
  }

  @Override
  public RepeatResult repeatLastMessage(String bridgeKey, String actor) {
    return actions.repeatLastMessage(bridgeKey, actor);
  }

  @Override
  public boolean acceptReview(String bridgeKey, String partnerKey, String actor) {
    return actions.acceptReview(bridgeKey, partnerKey, actor);
  }

  @Override
  public boolean rejectReview(String bridgeKey, String reason, String actor) {
    return actions.rejectReview(bridgeKey, reason, actor);
  }

  @Override
  public boolean rejectReview(String bridgeKey, String reason, String partnerKey, String actor) {
    return actions.rejectReview(bridgeKey, reason, partnerKey, actor);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void bindDialect(Dialect dialect, Map<String, Object> props) {
    plugins.addDialect(dialect, props);
    releaseHeldSoon();
  }

  void unbindDialect(Dialect dialect, Map<String, Object> props) {
    plugins.removeDialect(dialect, props);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void bindCodec(ProtocolCodec codec) {
    plugins.addCodec(codec);
    releaseHeldSoon();
  }

  void unbindCodec(ProtocolCodec codec) {
    plugins.removeCodec(codec);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void bindTransport(Transport transport, Map<String, Object> props) {
    plugins.addTransport(transport, props);
    releaseHeldSoon();
  }

  void unbindTransport(Transport transport, Map<String, Object> props) {
    plugins.removeTransport(transport, props);
  }
}
