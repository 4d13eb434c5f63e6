package org.illbridge.iso18626;

/**
 * Why a request may be retried with other conditions (MessageInfo/ReasonRetry). An open list.
 *
 * <p>Display text for people: {@link CodeLabels}; never show {@link #code()} itself.
 */
public enum ReasonRetry implements CodeValue {
  AT_BINDERY("AtBindery", false),
  COST_EXCEEDS_MAX_COST("CostExceedsMaxCost", false),
  LOAN_CONDITION("LoanCondition", false),
  MULTI_VOL_AVAIL("MultiVolAvail", false),
  NOT_CURRENT_AVAILABLE_FOR_ILL("NotCurrentAvailableForILL", false),
  NOT_FOUND_AS_CITED("NotFoundAsCited", false),
  NOT_ON_SHELF("NotOnShelf", false),
  ON_LOAN("OnLoan", false),
  ON_ORDER("OnOrder", false),
  REQ_DEL_DATE_NOT_POSSIBLE("ReqDelDateNotPossible", false),
  REQ_DEL_METHOD_NOT_SUPP("ReqDelMethodNotSupp", false),
  REQ_EDITION_NOT_POSSIBLE("ReqEditionNotPossible", false),
  REQ_FORMAT_NOT_POSSIBLE("ReqFormatNotPossible", false),
  REQ_PAY_METH_NOT_SUPPORTED("ReqPayMethNotSupported", false),
  REQ_SERVICE_LEVEL_NOT_SUPPORTED("ReqServiceLevelNotSupported", false),
  REQ_SERVICE_TYPE_NOT_POSSIBLE("ReqServiceTypeNotPossible", false);

  private final String code;
  private final boolean since2021;

  ReasonRetry(String code, boolean since2021) {
    this.code = code;
    this.since2021 = since2021;
  }

  /** The value as written on the wire. */
  @Override
  public String code() {
    return code;
  }

  /** True when the value exists only in the 2021 revision of the schema. */
  public boolean since2021() {
    return since2021;
  }

  /** True when the schema closes the list (values outside it are errors); false for open code lists. */
  public static boolean closedList() {
    return false;
  }

  /** The constant with exactly this wire code, or null. */
  public static ReasonRetry fromCode(String code) {
    for (ReasonRetry v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    return null;
  }

  /** The constant whose wire code matches ignoring case, or null (lenient parsing). */
  public static ReasonRetry fromCodeIgnoreCase(String code) {
    for (ReasonRetry v : values()) {
      if (v.code.equalsIgnoreCase(code)) {
        return v;
      }
    }
    return null;
  }
}
