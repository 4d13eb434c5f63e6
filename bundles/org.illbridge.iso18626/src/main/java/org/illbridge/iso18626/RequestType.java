package org.illbridge.iso18626;

/**
 * New request, retry of an earlier one, or reminder (ServiceInfo/RequestType).
 *
 * <p>Display text for people: {@link CodeLabels}; never show {@link #code()} itself.
 */
public enum RequestType implements CodeValue {
  NEW("New", false),
  RETRY("Retry", false),
  REMINDER("Reminder", false);

  private final String code;
  private final boolean since2021;

  RequestType(String code, boolean since2021) {
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
  public static RequestType fromCode(String code) {
    for (RequestType v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    return null;
  }

  /** The constant whose wire code matches ignoring case, or null (lenient parsing). */
  public static RequestType fromCodeIgnoreCase(String code) {
    for (RequestType v : values()) {
      if (v.code.equalsIgnoreCase(code)) {
        return v;
      }
    }
    return null;
  }
}
