package org.illbridge.api.store;

import java.time.Duration;

/** What an {@link OutboxDelivery} made of one outbox row. */
public sealed interface DeliveryOutcome {

  /**
   * The partner took it; the row is done.
   *
   * @param marked true when the delivery already marked the row delivered itself, in the unit of
   *     work that logged the message ({@link UnitOfWork#markDelivered}): the worker records
   *     nothing more. False: the worker marks it delivered.
   */
  record Delivered(boolean marked) implements DeliveryOutcome {
    /** Delivered, to be marked by the worker (the outcome of 1.3 and before). */
    public Delivered() {
      this(false);
    }
  }

  /** A transient failure; retried with backoff and counted towards the dead-letter limits. */
  record Retry(String reason) implements DeliveryOutcome {}

  /** It can never succeed as it is (refused by the dialect, partner deleted): dead letter now. */
  record Fail(String reason) implements DeliveryOutcome {}

  /**
   * Not deliverable yet for a reason that is not the partner's fault (its dialect is not
   * installed, it is disabled): tried again after {@code delay} without counting an attempt.
   */
  record Hold(String reason, Duration delay) implements DeliveryOutcome {}

  static DeliveryOutcome delivered() {
    return new Delivered();
  }

  /**
   * Delivered, and the row already marked delivered in the delivery's own unit of work with
   * {@link UnitOfWork#markDelivered}, together with its message-log entry: one commit per
   * delivery.
   *
   * @since 1.4
   */
  static DeliveryOutcome deliveredAndMarked() {
    return new Delivered(true);
  }

  static DeliveryOutcome retry(String reason) {
    return new Retry(reason);
  }
}
