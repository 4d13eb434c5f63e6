package org.illbridge.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.illbridge.api.model.Patron;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The operations of one database transaction, handed to the work passed to {@link
 * TransactionStore#inTransaction}. Everything done through it commits together or not at all:
 * the engine logs an inbound message, updates its transaction and enqueues the outbound messages
 * in one commit, and only then acknowledges the sender.
 *
 * <p>Valid only inside the work it was given to; never keep it.
 */
@ProviderType
public interface UnitOfWork {

  /** The time this unit of work runs at; every timestamp it writes uses it. */
  Instant now();

  // --- message log -------------------------------------------------------------------------

  /**
   * Logs a message. For an inbound message with a dedupe key already logged for the same partner,
   * nothing new is stored: the result says {@code duplicate} and carries the original row.
   */
  LoggedMessage logMessage(NewMessage message);

  /**
   * The message log of a transaction, oldest first, read through this unit of work. Reads made
   * inside a unit of work must go through it: a second connection would wait for the locks this
   * one holds (the row {@link #lockTransaction} locked) and never get them.
   */
  List<MessageRecord> messages(String bridgeKey);

  /** The raw bytes of a logged message, read through this unit of work. */
  Optional<byte[]> rawMessage(long messageId);

  /** Outbox rows matching the query, newest first, read through this unit of work. */
  Page<OutboxItem> outbox(OutboxQuery query);

  /** Sets the outcome of a logged message and links it to a transaction (null keeps the link). */
  void setMessageResult(long messageId, String bridgeKey, String result, List<String> warnings);

  // --- transactions ------------------------------------------------------------------------

  /**
   * Creates a transaction (a null bridge key gets a generated one).
   *
   * @throws ConflictException when the bridge key exists already
   */
  TransactionRecord createTransaction(TransactionRecord transaction);

  /** Reads a transaction and locks it against concurrent units of work until commit. */
  Optional<TransactionRecord> lockTransaction(String bridgeKey);

  /** Transactions whose bridge key or any side transaction id equals {@code id}. */
  List<TransactionRecord> findByAnyId(String id);

  /**
   * Saves a changed transaction.
   *
   * @return the saved record with its new version and timestamps
   * @throws ConflictException when it changed since {@code transaction.version()} was read
   */
  TransactionRecord updateTransaction(TransactionRecord transaction);

  /** Stores (or replaces) the patron of a transaction; kept apart and purged after retention. */
  void savePatron(String bridgeKey, Patron patron);

  // --- outbox and timers -------------------------------------------------------------------

  /** Adds outbound work; delivered only if this unit of work commits. Returns the row id. */
  long enqueue(NewOutboxItem item);

  /**
   * Marks an outbox row the outbox worker handed to an {@link OutboxDelivery} as delivered, in
   * this unit of work: the delivery logs what it sent and settles the row in one commit (it then
   * returns {@link DeliveryOutcome#deliveredAndMarked()}). If this unit of work rolls back, the row
   * stays in flight and the worker records the failure as usual, so it is delivered again.
   *
   * @return true when the row was in flight and is now delivered; false when it was not in flight
   *     any more (its lease ran out and it was settled elsewhere), in which case nothing changed
   * @since 1.4
   */
  boolean markDelivered(long outboxId);

  /** Sets (or moves) the transaction's timer of this kind. Returns the timer id. */
  long scheduleTimer(String bridgeKey, String kind, Instant dueAt);

  /** Removes the transaction's timers of this kind (all kinds when null); returns how many. */
  int cancelTimers(String bridgeKey, String kind);

  /**
   * Takes a due timer for handling in this unit of work: true when it still existed and is now
   * deleted (it comes back if the work fails), false when another worker or a cancel took it.
   */
  boolean takeTimer(long timerId);

  // --- audit -------------------------------------------------------------------------------

  /** Records an admin or staff action; {@code detail} must not carry patron data. */
  void audit(String actor, String action, String bridgeKey, String partnerKey, String detail);
}
