package org.illbridge.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.illbridge.api.model.Patron;
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

  /** The message log of a transaction, oldest first, without raw bytes. */
  List<MessageRecord> messages(String bridgeKey);

  /** The raw bytes of a logged message (a redaction marker once redacted). */
  Optional<byte[]> rawMessage(long messageId);

  /** The patron of a transaction, empty once purged. */
  Optional<Patron> patron(String bridgeKey);

  /** Timers due at {@code now}, earliest first; take each with {@link UnitOfWork#takeTimer}. */
  List<TimerRecord> dueTimers(Instant now, int limit);

  /** Audit entries, newest first, for one transaction or partner (both null: all). */
  Page<AuditEntry> audit(String bridgeKey, String partnerKey, int limit, String cursor);
}
