package org.illbridge.iso18626;

/**
 * Kind of request (ServiceInfo/RequestSubType).
 *
 * <p>Display text for people: {@link CodeLabels}; never show {@link #code()} itself.
 */
public enum RequestSubType implements CodeValue {
  BOOKING_REQUEST("BookingRequest", false),
  MULTIPLE_ITEM_REQUEST("MultipleItemRequest", false),
  PATRON_REQUEST("PatronRequest", false),
  TRANSFER_REQUEST("TransferRequest", false),
  SUPPLYING_LIBRARYS_CHOICE("SupplyingLibrarysChoice", false);

  private final String code;
  private final boolean since2021;

  RequestSubType(String code, boolean since2021) {
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
  public static RequestSubType fromCode(String code) {
    for (RequestSubType v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    return null;
  }

  /** The constant whose wire code matches ignoring case, or null (lenient parsing). */
  public static RequestSubType fromCodeIgnoreCase(String code) {
    for (RequestSubType v : values()) {
      if (v.code.equalsIgnoreCase(code)) {
        return v;
      }
    }
    return null;
  }
}
