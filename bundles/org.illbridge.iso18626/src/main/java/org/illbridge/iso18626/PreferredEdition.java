package org.illbridge.iso18626;

/**
 * Which edition is acceptable (ServiceInfo/PreferredEdition, 2021 only).
 *
 * <p>Display text for people: {@link CodeLabels}; never show {@link #code()} itself.
 */
public enum PreferredEdition implements CodeValue {
  MOST_RECENT_EDITION("MostRecentEdition", true),
  THIS_EDITION("ThisEdition", true),
  ANY_EDITION("AnyEdition", true);

  private final String code;
  private final boolean since2021;

  PreferredEdition(String code, boolean since2021) {
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
  public static PreferredEdition fromCode(String code) {
    for (PreferredEdition v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    return null;
  }

  /** The constant whose wire code matches ignoring case, or null (lenient parsing). */
  public static PreferredEdition fromCodeIgnoreCase(String code) {
    for (PreferredEdition v : values()) {
      if (v.code.equalsIgnoreCase(code)) {
        return v;
      }
    }
    return null;
  }
}
