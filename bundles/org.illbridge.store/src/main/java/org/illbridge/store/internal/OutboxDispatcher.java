package org.illbridge.store.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.illbridge.api.store.DeliveryOutcome;
import org.illbridge.api.store.Outbox;
import org.illbridge.api.store.OutboxDelivery;
import org.illbridge.api.store.OutboxItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves due outbox rows to {@link OutboxDelivery}: at least once, FIFO per ordering key (the
 * outbox only hands out the oldest unsettled row of a key), with exponential backoff and jitter,
 * dead letters after too many attempts or too long, and per-partner isolation: at most {@code
 * perPartnerInFlight} rows of one partner occupy the pool, so a slow or dead partner can hold a
 * few threads but never the whole pool.
 *
 * <p>Plain Java: the DS component {@link OutboxWorkerComponent} drives it (woken by new rows and
 * freed slots, with a timer as the fallback), tests drive {@link #pollOnce()} by hand.
 */
public final class OutboxDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
  /** How a held row's last error starts ({@link JdbcOutbox#releaseHeld} finds held rows by it). */
  static final String HELD = "held: ";

  /**
   * Tuning.
   *
   * @param threads delivery pool size
   * @param perPartnerInFlight rows of one partner delivered at once
   * @param batchSize rows claimed per poll
   * @param maxAttempts attempts before a row goes to the dead letters
   * @param maxAge time from enqueue (or resend) after which a failing row goes to the dead letters
   * @param initialBackoff delay before the first retry; doubled per attempt
   * @param maxBackoff longest delay between attempts
   * @param lease how long a claimed row stays ours; must exceed the longest delivery
   * @param partnerInFlight partners allowed another number of rows at once than {@code
   *     perPartnerInFlight} (partner key to count), e.g. the home system, which receives a
   *     webhook for every lender answer; never null
   */
  public record Settings(int threads, int perPartnerInFlight, int batchSize, int maxAttempts,
      Duration maxAge, Duration initialBackoff, Duration maxBackoff, Duration lease,
      Map<String, Integer> partnerInFlight) {
    public Settings {
      if (threads < 1 || perPartnerInFlight < 1 || batchSize < 1 || maxAttempts < 1) {
        throw new IllegalArgumentException("outbox worker sizes and attempts must be at least 1");
      }
      partnerInFlight = partnerInFlight == null ? Map.of() : Map.copyOf(partnerInFlight);
      if (partnerInFlight.values().stream().anyMatch(n -> n < 1)) {
        throw new IllegalArgumentException("deliveries at once for a partner must be at least 1");
      }
      Objects.requireNonNull(maxAge, "maxAge");
      if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || lease.isNegative()
          || lease.isZero()) {
        throw new IllegalArgumentException("backoff must be 0 <= initial <= max and the lease positive");
      }
    }

    /** The same settings with one limit for every partner. */
    public Settings(int threads, int perPartnerInFlight, int batchSize, int maxAttempts,
        Duration maxAge, Duration initialBackoff, Duration maxBackoff, Duration lease) {
      this(threads, perPartnerInFlight, batchSize, maxAttempts, maxAge, initialBackoff, maxBackoff,
          lease, Map.of());
    }

    /** Rows of {@code partnerKey} that may be delivered at once. */
    public int limitFor(String partnerKey) {
      return partnerInFlight.getOrDefault(partnerKey, perPartnerInFlight);
    }
  }

  private final Outbox outbox;
  private final OutboxDelivery delivery;
  private final Settings settings;
  private final Clock clock;
  private final ThreadPoolExecutor pool;
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Map<Long, Boolean> held = new ConcurrentHashMap<>();
  private final Runnable slotFreed;

  public OutboxDispatcher(Outbox outbox, OutboxDelivery delivery, Settings settings, Clock clock) {
    this(outbox, delivery, settings, clock, () -> { });
  }

  /**
   * @param slotFreed called after each delivery was recorded (its partner has a free slot and the
   *     row's successors may be due): the worker polls again at once instead of on its timer
   */
  public OutboxDispatcher(Outbox outbox, OutboxDelivery delivery, Settings settings, Clock clock,
      Runnable slotFreed) {
    this.slotFreed = Objects.requireNonNull(slotFreed, "slotFreed");
    this.outbox = outbox;
    this.delivery = delivery;
    this.settings = settings;
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "illbridge-outbox-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Claims what is due and hands it to the pool.
   *
   * @return rows claimed; the caller polls again at once when it got a full batch
   */
  public int pollOnce() {
    Map<String, Integer> counts = new java.util.HashMap<>();
    inFlight.forEach((k, v) -> counts.put(k, v.get()));
    // The outbox takes one limit for every partner and counts the rows we hold per partner
    // against it. A partner with its own limit L is shown as holding (its rows - (L - default)),
    // so it gets L rows at once while every other partner keeps the default (counts may be
    // negative; the Outbox contract only adds them up against the limit).
    settings.partnerInFlight().forEach((partner, limit) ->
        counts.merge(partner, settings.perPartnerInFlight() - limit, Integer::sum));
    Instant now = clock.instant();
    List<OutboxItem> items = outbox.claimDue(now, settings.batchSize(), settings.perPartnerInFlight(),
        counts, settings.lease());
    int submitted = 0;
    for (OutboxItem item : items) {
      // A row whose lease ran out while we still deliver it comes back: never run it twice at once.
      if (held.putIfAbsent(item.id(), Boolean.TRUE) != null) {
        continue;
      }
      inFlight.computeIfAbsent(item.partnerKey(), k -> new AtomicInteger()).incrementAndGet();
      pool.execute(() -> deliver(item));
      submitted++;
    }
    return submitted;
  }

  /** Rows handed to the pool and not finished yet. */
  public int inFlightCount() {
    return held.size();
  }

  private void deliver(OutboxItem item) {
    try {
      DeliveryOutcome outcome;
      try {
        outcome = delivery.deliver(item);
        if (outcome == null) {
          outcome = new DeliveryOutcome.Retry("the delivery returned no outcome");
        }
      } catch (Exception | LinkageError e) {
        outcome = new DeliveryOutcome.Retry(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      record(item, outcome);
    } catch (RuntimeException e) {
      // The row stays in flight and comes back when its lease runs out.
      LOG.warn("Could not record the delivery outcome of outbox row {}: {}", item.id(), e.getMessage());
    } finally {
      held.remove(item.id());
      inFlight.get(item.partnerKey()).decrementAndGet();
      slotFreed.run();
    }
  }

  private void record(OutboxItem item, DeliveryOutcome outcome) {
    Instant now = clock.instant();
    if (outcome instanceof DeliveryOutcome.Delivered delivered) {
      if (!delivered.marked()) {
        outbox.markDelivered(item.id(), now);
      } // else settled already, in the commit that logged the message (one commit per delivery)
    } else if (outcome instanceof DeliveryOutcome.Hold hold) {
      Duration delay = hold.delay() == null || hold.delay().isNegative() ? settings.initialBackoff() : hold.delay();
      outbox.markRetry(item.id(), HELD + hold.reason(), now.plus(delay), false, now);
    } else if (outcome instanceof DeliveryOutcome.Fail fail) {
      LOG.warn("Outbox row {} to {} failed for good: {}", item.id(), item.partnerKey(), fail.reason());
      outbox.markDead(item.id(), fail.reason(), now);
    } else if (outcome instanceof DeliveryOutcome.Retry retry) {
      int attempts = item.attempts() + 1;
      boolean tooOld = item.queuedAt() != null
          && !now.isBefore(item.queuedAt().plus(settings.maxAge()));
      if (attempts >= settings.maxAttempts() || tooOld) {
        LOG.warn("Outbox row {} to {} moved to the dead letters after {} attempts: {}",
            item.id(), item.partnerKey(), attempts, retry.reason());
        outbox.markDead(item.id(), retry.reason(), now);
      } else {
        outbox.markRetry(item.id(), retry.reason(), now.plus(backoff(attempts)), true, now);
      }
    }
  }

  /**
   * Exponential backoff with "equal jitter": half the exponential delay plus a random part of the
   * other half, so partners coming back are not hit by every retry at once.
   */
  Duration backoff(int attemptsMade) {
    long initial = settings.initialBackoff().toMillis();
    long cap = settings.maxBackoff().toMillis();
    long exp = attemptsMade >= 31 ? cap : Math.min(cap, initial * (1L << Math.max(0, attemptsMade - 1)));
    long half = exp / 2;
    return Duration.ofMillis(half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1)));
  }

  /** Waits until nothing is being delivered, for tests and orderly shutdown. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!held.isEmpty()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Outbox deliveries still running at shutdown; their rows return after the lease");
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
  }

  ExecutorService pool() {
    return pool;
  }
}
