package org.illbridge.iso18626;

/**
 * Why a supplying agency message is sent (MessageInfo/ReasonForMessage, closed list).
 *
 * <p>Display text for people: {@link CodeLabels}; never show {@link #code()} itself.
 */
public enum ReasonForMessage implements CodeValue {
  REQUEST_RESPONSE("RequestResponse", false),
  STATUS_REQUEST_RESPONSE("StatusRequestResponse", false),
  RENEW_RESPONSE("RenewResponse", false),
  CANCEL_RESPONSE("CancelResponse", false),
  STATUS_CHANGE("StatusChange", false),
  NOTIFICATION("Notification", false);

  private final String code;
  private final boolean since2021;

  ReasonForMessage(String code, boolean since2021) {
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
  public static ReasonForMessage fromCode(String code) {
    for (ReasonForMessage v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    return null;
  }

  /** The constant whose wire code matches ignoring case, or null (lenient parsing). */
  public static ReasonForMessage fromCodeIgnoreCase(String code) {
    for (ReasonForMessage v : values()) {
      if (v.code.equalsIgnoreCase(code)) {
        return v;
      }
    }
    return null;
  }
}
