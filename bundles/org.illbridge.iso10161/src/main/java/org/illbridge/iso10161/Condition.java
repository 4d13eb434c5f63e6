package org.illbridge.iso10161;

/** Conditional-Results.conditions and Supply-Details.shipped-conditions. */
public enum Condition implements IllEnum {
  COST_EXCEEDS_LIMIT(13),
  CHARGES(14),
  PREPAYMENT_REQUIRED(15),
  LACKS_COPYRIGHT_COMPLIANCE(16),
  LIBRARY_USE_ONLY(22),
  NO_REPRODUCTION(23),
  CLIENT_SIGNATURE_REQUIRED(24),
  SPECIAL_COLLECTIONS_SUPERVISION_REQUIRED(25),
  OTHER(27),
  RESPONDER_SPECIFIC(28),
  PROPOSED_DELIVERY_SERVICE(30);

  private final int code;

  Condition(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
