package org.illbridge.iso10161;

/**
 * A date (ISO-Date, YYYYMMDD) and optional time (ISO-Time, HHMMSS, local time). Kept as the strings sent, since partners do not always follow the fixed format; use the accessors to parse.
 *
 * @param date YYYYMMDD
 * @param time HHMMSS or null
 */
public record IsoDateTime(
    String date,
    String time) {

  /** The date parsed, or null when it is not a valid YYYYMMDD date. */
  public java.time.LocalDate localDate() {
    return IsoDates.parseDate(date);
  }

  /** The time parsed, or null when absent or not HHMMSS. */
  public java.time.LocalTime localTime() {
    return IsoDates.parseTime(time);
  }
}
