package org.illbridge.iso18626;

/**
 * How an item is sent (DeliveryInfo/SentVia in 2017, DeliveryMethod in 2021). An open list.
 *
 * <p>Display text for people: {@link CodeLabels}; never show {@link #code()} itself.
 */
public enum DeliveryMethod implements CodeValue {
  MAIL("Mail", false),
  EMAIL("Email", false),
  FTP("FTP", false),
  URL("URL", false),
  COURIER("Courier", false),
  ARTICLE_EXCHANGE("ArticleExchange", false),
  ODYSSEY("Odyssey", false);

  private final String code;
  private final boolean since2021;

  DeliveryMethod(String code, boolean since2021) {
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
  public static DeliveryMethod fromCode(String code) {
    for (DeliveryMethod v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    return null;
  }

  /** The constant whose wire code matches ignoring case, or null (lenient parsing). */
  public static DeliveryMethod fromCodeIgnoreCase(String code) {
    for (DeliveryMethod v : values()) {
      if (v.code.equalsIgnoreCase(code)) {
        return v;
      }
    }
    return null;
  }
}
