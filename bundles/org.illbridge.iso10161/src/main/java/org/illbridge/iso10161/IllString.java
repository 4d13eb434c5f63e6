package org.illbridge.iso10161;

/**
 * ILL-String: a GeneralString or an EDIFACTString (VisibleString). The value never is null.
 *
 * @param value the text
 * @param form which ASN.1 string type carried it
 */
public record IllString(
    String value,
    Form form) {

  public IllString {
    form = form == null ? Form.GENERAL : form;
  }

  /** The two alternatives of the ILL-String CHOICE. */
  public enum Form {
    GENERAL,
    EDIFACT
  }

  /** A GeneralString; returns null for null so optional fields stay absent. */
  public static IllString of(String value) {
    return value == null ? null : new IllString(value, Form.GENERAL);
  }

  /** The text of a possibly absent string. */
  public static String text(IllString s) {
    return s == null ? null : s.value();
  }

  @Override
  public String toString() {
    return value;
  }
}
