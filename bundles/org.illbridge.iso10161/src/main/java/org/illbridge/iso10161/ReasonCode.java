package org.illbridge.iso10161;

/**
 * Union of the reason lists of ISO 10161 (Reason-Unfilled, Reason-Locs-Provided, reason-not-available,
 * reason-will-supply). The standard numbers them from one shared list, so one enum serves these fields;
 * each field's own subset is documented in the standard and not enforced here (lenient: partners use
 * codes outside the subset). The conditions of Conditional-Results and Supply-Details reuse 22-24 with
 * other meanings: see {@link Condition}.
 */
public enum ReasonCode implements IllEnum {
  IN_USE_ON_LOAN(1),
  IN_PROCESS(2),
  LOST(3),
  NON_CIRCULATING(4),
  NOT_OWNED(5),
  ON_ORDER(6),
  VOLUME_ISSUE_NOT_YET_AVAILABLE(7),
  AT_BINDERY(8),
  LACKING(9),
  NOT_ON_SHELF(10),
  ON_RESERVE(11),
  POOR_CONDITION(12),
  COST_EXCEEDS_LIMIT(13),
  CHARGES(14),
  PREPAYMENT_REQUIRED(15),
  LACKS_COPYRIGHT_COMPLIANCE(16),
  NOT_FOUND_AS_CITED(17),
  LOCATIONS_NOT_FOUND(18),
  ON_HOLD(19),
  POLICY_PROBLEM(20),
  MANDATORY_MESSAGING_NOT_SUPPORTED(21),
  EXPIRY_NOT_SUPPORTED(22),
  REQUESTED_DELIVERY_SERVICES_NOT_SUPPORTED(23),
  PREFERRED_DELIVERY_TIME_NOT_POSSIBLE(24),
  BEING_PROCESSED_FOR_SUPPLY(26),
  OTHER(27),
  RESPONDER_SPECIFIC(28),
  ELECTRONIC_DELIVERY(30);

  private final int code;

  ReasonCode(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
