package org.illbridge.api.model;

/**
 * The neutral kinds of message a transaction carries. Each protocol codec maps its own services
 * (ISO 10161 APDUs) or message/status/action combinations (ISO 18626) onto these; the mapping
 * table lives in the engine and is documented in the README.
 */
public enum MessageType {
  REQUEST(Role.REQUESTER),
  FORWARD_NOTIFICATION(Role.SUPPLIER),
  /** ISO 18626 ExpectToSupply, ISO 10161 ILL-Answer hold-placed / will-supply-later. */
  EXPECT_TO_SUPPLY(Role.SUPPLIER),
  WILL_SUPPLY(Role.SUPPLIER),
  CONDITIONAL(Role.SUPPLIER),
  /** The supplier's acceptance or refusal of a condition. */
  CONDITIONAL_REPLY(Role.REQUESTER),
  SHIPPED(Role.SUPPLIER),
  UNFILLED(Role.SUPPLIER),
  RETRY_POSSIBLE(Role.SUPPLIER),
  LOCATIONS_PROVIDED(Role.SUPPLIER),
  ESTIMATE(Role.SUPPLIER),
  CANCEL(Role.REQUESTER),
  CANCEL_REPLY(Role.SUPPLIER),
  RECEIVED(Role.REQUESTER),
  RECALL(Role.SUPPLIER),
  RETURNED(Role.REQUESTER),
  CHECKED_IN(Role.SUPPLIER),
  OVERDUE(Role.SUPPLIER),
  RENEW(Role.REQUESTER),
  RENEW_ANSWER(Role.SUPPLIER),
  LOST(null),
  DAMAGED(null),
  /** A free-text note (ISO 10161 Message, ISO 18626 Notification). */
  NOTE(null),
  STATUS_QUERY(null),
  STATUS_REPORT(null),
  ERROR_REPORT(null),
  EXPIRED(null),
  /** ISO 18626 CompletedWithoutReturn / supplier marks a loan complete. */
  COMPLETED_WITHOUT_RETURN(Role.SUPPLIER);

  private final Role sender;

  MessageType(Role sender) {
    this.sender = sender;
  }

  /** Which side sends this kind of message, or null when either side may. */
  public Role sender() {
    return sender;
  }
}
