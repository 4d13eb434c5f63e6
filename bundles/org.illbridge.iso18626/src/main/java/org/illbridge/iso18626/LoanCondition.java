package org.illbridge.iso18626;

/**
 * Conditions the supplier puts on a loan (DeliveryInfo/LoanCondition). An open list.
 *
 * <p>Display text for people: {@link CodeLabels}; never show {@link #code()} itself.
 */
public enum LoanCondition implements CodeValue {
  LIBRARY_USE_ONLY("LibraryUseOnly", false),
  NO_REPRODUCTION("NoReproduction", false),
  SIGNATURE_REQUIRED("SignatureRequired", false),
  SPEC_COLL_SUPERV_REQ("SpecCollSupervReq", false),
  WATCH_LIBRARY_USE_ONLY("WatchLibraryUseOnly", false);

  private final String code;
  private final boolean since2021;

  LoanCondition(String code, boolean since2021) {
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
  public static LoanCondition fromCode(String code) {
    for (LoanCondition v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    return null;
  }

  /** The constant whose wire code matches ignoring case, or null (lenient parsing). */
  public static LoanCondition fromCodeIgnoreCase(String code) {
    for (LoanCondition v : values()) {
      if (v.code.equalsIgnoreCase(code)) {
        return v;
      }
    }
    return null;
  }
}
