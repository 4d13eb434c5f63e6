package org.illbridge.api.store;

/** Life of an outbox row. */
public enum OutboxStatus {
  /** Waiting for its next attempt. */
  PENDING,
  /** Claimed by a worker; returns to the queue if the lease expires (crash). */
  IN_FLIGHT,
  /** The partner took it. */
  DELIVERED,
  /** Given up after too many attempts or too long; waits for an admin to resend or discard. */
  DEAD,
  /** Dropped by an admin from the dead letters; no longer blocks the rows after it. */
  DISCARDED;

  /** True when the row no longer holds back later rows of its ordering key. */
  public boolean isSettled() {
    return this == DELIVERED || this == DISCARDED;
  }
}
