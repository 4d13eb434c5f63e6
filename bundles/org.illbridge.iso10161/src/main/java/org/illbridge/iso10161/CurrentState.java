package org.illbridge.iso10161;

/**
 * Current-State of a transaction in the protocol machine.
 */
public enum CurrentState implements IllEnum {
  NOT_SUPPLIED(1),
  PENDING(2),
  IN_PROCESS(3),
  FORWARD(4),
  CONDITIONAL(5),
  CANCEL_PENDING(6),
  CANCELLED(7),
  SHIPPED(8),
  RECEIVED(9),
  RENEW_PENDING(10),
  NOT_RECEIVED_OVERDUE(11),
  RENEW_OVERDUE(12),
  OVERDUE(13),
  RETURNED(14),
  CHECKED_IN(15),
  RECALL(16),
  LOST(17),
  UNKNOWN(18);

  private final int code;

  CurrentState(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
