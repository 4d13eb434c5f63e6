package org.illbridge.iso18626;

/**
 * Why a request cannot be filled (MessageInfo/ReasonUnfilled). An open list: values outside it travel as they are in {@link SchemeValue}.
 *
 * <p>Display text for people: {@link CodeLabels}; never show {@link #code()} itself.
 */
public enum ReasonUnfilled implements CodeValue {
  NON_CIRCULATING("NonCirculating", false),
  NOT_HELD("NotHeld", false),
  NOT_ON_SHELF("NotOnShelf", false),
  POLICY_PROBLEM("PolicyProblem", false),
  POOR_CONDITION("PoorCondition", false);

  private final String code;
  private final boolean since2021;

  ReasonUnfilled(String code, boolean since2021) {
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
  public static ReasonUnfilled fromCode(String code) {
    for (ReasonUnfilled v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    return null;
  }

  /** The constant whose wire code matches ignoring case, or null (lenient parsing). */
  public static ReasonUnfilled fromCodeIgnoreCase(String code) {
    for (ReasonUnfilled v : values()) {
      if (v.code.equalsIgnoreCase(code)) {
        return v;
      }
    }
    return null;
  }
}
