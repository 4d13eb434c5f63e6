package org.illbridge.api.model;

/**
 * Neutral state of one loan between one requester and one supplier. Close to the ISO 18626
 * status list, with the extra states ISO 10161 and the bridge itself need.
 */
public enum TransactionState {
  /** Created by the home system, not yet sent to a lender. */
  NEW(false),
  /** Sent to the current lender, no answer yet. */
  REQUESTED(false),
  EXPECT_TO_SUPPLY(false),
  WILL_SUPPLY(false),
  CONDITIONAL(false),
  RETRY_POSSIBLE(false),
  SHIPPED(false),
  RECEIVED(false),
  OVERDUE(false),
  RECALLED(false),
  RETURNED(false),
  CANCEL_PENDING(false),
  UNFILLED(true),
  CANCELLED(true),
  COPY_COMPLETED(true),
  LOAN_COMPLETED(true),
  COMPLETED_WITHOUT_RETURN(true),
  LOST(true),
  EXPIRED(true);

  private final boolean terminal;

  TransactionState(boolean terminal) {
    this.terminal = terminal;
  }

  /** True when no further message changes the state; patron-data retention counts from here. */
  public boolean isTerminal() {
    return terminal;
  }
}
