package org.illbridge.iso18626;

/**
 * What a requesting agency message asks or tells (RequestingAgencyMessage/Action, closed list).
 *
 * <p>Display text for people: {@link CodeLabels}; never show {@link #code()} itself.
 */
public enum Action implements CodeValue {
  STATUS_REQUEST("StatusRequest", false),
  RECEIVED("Received", false),
  CANCEL("Cancel", false),
  RENEW("Renew", false),
  HOLD_RETURN("HoldReturn", true),
  SHIPPED_RETURN("ShippedReturn", false),
  SHIPPED_FORWARD("ShippedForward", false),
  NOTIFICATION("Notification", false),
  LOST("Lost", true);

  private final String code;
  private final boolean since2021;

  Action(String code, boolean since2021) {
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
  public static Action fromCode(String code) {
    for (Action v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    return null;
  }

  /** The constant whose wire code matches ignoring case, or null (lenient parsing). */
  public static Action fromCodeIgnoreCase(String code) {
    for (Action v : values()) {
      if (v.code.equalsIgnoreCase(code)) {
        return v;
      }
    }
    return null;
  }
}
