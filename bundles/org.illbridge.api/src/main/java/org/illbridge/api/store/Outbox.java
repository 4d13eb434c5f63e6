package org.illbridge.api.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable outbox. Rows are added with {@link UnitOfWork#enqueue} in the same database
 * transaction as the change that caused them; the outbox worker claims due rows and records the
 * outcome here. The console lists rows and resends dead letters.
 */
@ProviderType
public interface Outbox {

  /**
   * Claims up to {@code max} rows that are due at {@code now}, marking them in flight for {@code
   * lease} (a crashed worker's rows come back when the lease expires). A row is due only when every
   * earlier row of its ordering key is delivered or discarded, so rows of one ordering key are
   * claimed one at a time, in order. Per-partner isolation: no partner gets more than {@code
   * perPartnerLimit} rows in flight, counting the {@code inFlight} rows the caller already holds
   * for it (partner key to count).
   */
  List<OutboxItem> claimDue(
      Instant now, int max, int perPartnerLimit, Map<String, Integer> inFlight, Duration lease);

  /** Records a delivery; false when the row was not in flight any more (lease lost). */
  boolean markDelivered(long id, Instant now);

  /** Records a failed attempt and when to try again. */
  boolean markRetry(long id, String error, Instant nextAttemptAt, boolean countAttempt, Instant now);

  /** Moves a row to the dead letters. */
  boolean markDead(long id, String error, Instant now);

  /**
   * Makes the rows that are held (their last delivery attempt was put on hold because something
   * it needs was missing: a dialect, codec or transport not installed, a partner disabled) due at
   * {@code now}, so that they flow as soon as what they waited for appears rather than after their
   * hold delay; a row still missing something is simply held again. Rows waiting for a retry after
   * a failed attempt keep their time. Returns how many rows were released.
   *
   * @since 1.6
   */
  int releaseHeld(Instant now);

  /** Puts a dead (or discarded) row back in the queue with its attempts reset. Audited. */
  boolean resend(long id, String actor);

  /** Drops a dead row so that the rows after it can flow. Audited. */
  boolean discard(long id, String actor);

  OutboxItem get(long id);

  /** Rows newest first, without payloads, keyset-paged. */
  Page<OutboxItem> list(OutboxQuery query);

  /** Row counts per status, for the dashboard. */
  Map<OutboxStatus, Long> countByStatus();
}
