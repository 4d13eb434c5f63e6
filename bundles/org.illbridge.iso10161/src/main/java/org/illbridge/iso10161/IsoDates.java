package org.illbridge.iso10161;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** ISO-Date (YYYYMMDD) and ISO-Time (HHMMSS) as the standard fixes them. */
public final class IsoDates {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HHmmss").withResolverStyle(ResolverStyle.STRICT);

  private IsoDates() {}

  /** Parses YYYYMMDD; null for null or anything else. */
  public static LocalDate parseDate(String s) {
    if (s == null || s.length() != 8) {
      return null;
    }
    try {
      return LocalDate.parse(s, DATE);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Parses HHMMSS; null for null or anything else. */
  public static LocalTime parseTime(String s) {
    if (s == null || s.length() != 6) {
      return null;
    }
    try {
      return LocalTime.parse(s, TIME);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Formats a date as YYYYMMDD; null for null. */
  public static String format(LocalDate d) {
    return d == null ? null : d.format(DATE);
  }

  /** Formats a time as HHMMSS; null for null. */
  public static String format(LocalTime t) {
    return t == null ? null : t.format(TIME);
  }
}
