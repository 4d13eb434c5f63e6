package org.illbridge.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.illbridge.api.model.Patron;
import org.illbridge.api.model.TransactionState;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Transactions, their message log, patron data, timers and audit trail, with the unit of work
 * that writes them atomically together with outbox rows.
 */
@ProviderType
public interface TransactionStore {

  /** Work to run in one database transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(UnitOfWork uow) throws Exception;
  }

  /**
   * Runs {@code work} in one database transaction: commits when it returns, rolls back everything
   * when it throws (the exception is rethrown, checked ones wrapped in {@link StoreException}).
   * On a {@link ConflictException} (lost race, deadlock) the work is run again, a few times, so it
   * must have no side effects outside the unit of work.
   */
  <T> T inTransaction(Work<T> work);

  Optional<TransactionRecord> find(String bridgeKey);

  /** Search by any id, partner, states and creation date range; keyset-paged, newest first. */
  Page<TransactionRecord> search(TransactionQuery query);

  /**
   * The message log of a transaction, oldest first (by {@link NewMessage#at()}, then in the order
   * logged), without raw bytes.
   */
  List<MessageRecord> messages(String bridgeKey);

  /** The raw bytes of a logged message (a redaction marker once redacted). */
  Optional<byte[]> rawMessage(long messageId);

  /** The patron of a transaction, empty once purged. */
  Optional<Patron> patron(String bridgeKey);

  /** Timers due at {@code now}, earliest first; take each with {@link UnitOfWork#takeTimer}. */
  List<TimerRecord> dueTimers(Instant now, int limit);

  /** Audit entries, newest first, for one transaction or partner (both null: all). */
  Page<AuditEntry> audit(String bridgeKey, String partnerKey, int limit, String cursor);

  /**
   * For the console's dashboard: the number of messages logged (both directions) in each minute of
   * {@code [from, from + minutes)}; element {@code i} counts the minute starting at {@code from +
   * i} minutes. Stores that cannot aggregate throw {@link UnsupportedOperationException}.
   */
  default long[] messagesPerMinute(Instant from, int minutes) {
    throw new UnsupportedOperationException("this store does not count messages per minute");
  }

  /**
   * For the console's dashboard: the number of transactions in each non-terminal state (states
   * without transactions are absent). Stores that cannot aggregate throw {@link
   * UnsupportedOperationException}.
   */
  default Map<TransactionState, Long> countOpenByState() {
    throw new UnsupportedOperationException("this store does not count transactions by state");
  }

  /**
   * For load-levelling (seed 003): how many transactions created since {@code since} have
   * {@code supplierPartnerKey} as their current lender. Stores that cannot count throw {@link
   * UnsupportedOperationException} (the engine then keeps the listed order).
   *
   * @since 1.5.0
   */
  default long countSuppliedSince(String supplierPartnerKey, Instant since) {
    throw new UnsupportedOperationException("this store does not count lending load");
  }
}
