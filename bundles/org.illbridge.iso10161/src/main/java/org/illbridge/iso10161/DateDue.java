package org.illbridge.iso10161;

/**
 * Date-Due.
 *
 * @param date date-due-field YYYYMMDD
 * @param renewable DEFAULT TRUE
 */
public record DateDue(
    String date,
    boolean renewable) {

  /** The due date parsed, or null when it is not a valid YYYYMMDD date. */
  public java.time.LocalDate localDate() {
    return IsoDates.parseDate(date);
  }
}
