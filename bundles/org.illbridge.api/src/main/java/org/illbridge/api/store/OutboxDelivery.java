package org.illbridge.api.store;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sends one outbox row to its partner. Implemented by the engine (dialect, codec, transport) so
 * the store's outbox worker stays protocol-agnostic. The worker calls it from a small pool of
 * threads, never for two rows of the same ordering key at once, and for at most a few rows of the
 * same partner at once.
 *
 * <p>Delivery is at-least-once: a row may be delivered again after a crash between the send and
 * the worker recording it, so partners see the protocol's own duplicate handling.
 *
 * <p>An implementation that records the delivery in the store (a message-log entry) should mark
 * the row delivered in the same unit of work ({@link UnitOfWork#markDelivered}) and return {@link
 * DeliveryOutcome#deliveredAndMarked()}: one durable commit per delivery, and a delivered row
 * always has its log entry. If that unit of work fails, the exception counts as a retry.
 *
 * <p>Implementations should bound the time they block (connect and read timeouts); an exception
 * counts as {@link DeliveryOutcome.Retry}.
 */
@ConsumerType
public interface OutboxDelivery {
  DeliveryOutcome deliver(OutboxItem item) throws Exception;
}
