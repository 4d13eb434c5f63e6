package org.illbridge.iso18626;

/**
 * Why a message was refused (ErrorData/ErrorType, closed list).
 *
 * <p>Display text for people: {@link CodeLabels}; never show {@link #code()} itself.
 */
public enum ErrorType implements CodeValue {
  UNSUPPORTED_ACTION_TYPE("UnsupportedActionType", false),
  UNSUPPORTED_REASON_FOR_MESSAGE_TYPE("UnsupportedReasonForMessageType", false),
  UNRECOGNISED_DATA_ELEMENT("UnrecognisedDataElement", false),
  UNRECOGNISED_DATA_VALUE("UnrecognisedDataValue", false),
  BADLY_FORMED_MESSAGE("BadlyFormedMessage", false);

  private final String code;
  private final boolean since2021;

  ErrorType(String code, boolean since2021) {
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
  public static ErrorType fromCode(String code) {
    for (ErrorType v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    return null;
  }

  /** The constant whose wire code matches ignoring case, or null (lenient parsing). */
  public static ErrorType fromCodeIgnoreCase(String code) {
    for (ErrorType v : values()) {
      if (v.code.equalsIgnoreCase(code)) {
        return v;
      }
    }
    return null;
  }
}
