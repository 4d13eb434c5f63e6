package org.illbridge.iso18626;

/**
 * The supplying agency's status of a request (StatusInfo/Status, closed list).
 *
 * <p>Display text for people: {@link CodeLabels}; never show {@link #code()} itself.
 */
public enum Status implements CodeValue {
  REQUEST_RECEIVED("RequestReceived", false),
  EXPECT_TO_SUPPLY("ExpectToSupply", false),
  WILL_SUPPLY("WillSupply", false),
  LOANED("Loaned", false),
  OVERDUE("Overdue", false),
  RECALLED("Recalled", false),
  RETRY_POSSIBLE("RetryPossible", false),
  UNFILLED("Unfilled", false),
  HOLD_RETURN("HoldReturn", true),
  RELEASE_HOLD_RETURN("ReleaseHoldReturn", true),
  COPY_COMPLETED("CopyCompleted", false),
  LOAN_COMPLETED("LoanCompleted", false),
  COMPLETED_WITHOUT_RETURN("CompletedWithoutReturn", false),
  CANCELLED("Cancelled", false);

  private final String code;
  private final boolean since2021;

  Status(String code, boolean since2021) {
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
    return true;
  }

  /** The constant with exactly this wire code, or null. */
  public static Status fromCode(String code) {
    for (Status v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    return null;
  }

  /** The constant whose wire code matches ignoring case, or null (lenient parsing). */
  public static Status fromCodeIgnoreCase(String code) {
    for (Status v : values()) {
      if (v.code.equalsIgnoreCase(code)) {
        return v;
      }
    }
    return null;
  }
}
