package org.illbridge.api.store;

import java.time.Duration;

/** What an {@link OutboxDelivery} made of one outbox row. */
public sealed interface DeliveryOutcome {

  /** The partner took it; the row is done. */
  record Delivered() implements DeliveryOutcome {}

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

  static DeliveryOutcome retry(String reason) {
    return new Retry(reason);
  }
}
