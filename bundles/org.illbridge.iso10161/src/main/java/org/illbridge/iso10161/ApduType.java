package org.illbridge.iso10161;

/**
 * The twenty ISO 10161 services (ILL-APDU-Type); FORWARD (21) appears only in History-Report.most-recent-service.
 */
public enum ApduType implements IllEnum {
  ILL_REQUEST(1),
  FORWARD_NOTIFICATION(2),
  SHIPPED(3),
  ILL_ANSWER(4),
  CONDITIONAL_REPLY(5),
  CANCEL(6),
  CANCEL_REPLY(7),
  RECEIVED(8),
  RECALL(9),
  RETURNED(10),
  CHECKED_IN(11),
  OVERDUE(12),
  RENEW(13),
  RENEW_ANSWER(14),
  LOST(15),
  DAMAGED(16),
  MESSAGE(17),
  STATUS_QUERY(18),
  STATUS_OR_ERROR_REPORT(19),
  EXPIRED(20),
  FORWARD(21);

  private final int code;

  ApduType(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
