package org.illbridge.iso18626.internal;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Fast path for the usual shape of an xs:dateTime on the wire:
 * {@code YYYY-MM-DDThh:mm:ss[.fraction][Z|+hh:mm|-hh:mm]} (no offset means UTC, as in the
 * reader's general path). Anything else, and any out-of-range field, returns null so that the
 * caller falls back to {@code java.time}'s ISO parsers, which then decide and report. This
 * accepts a strict subset of what those parsers accept and gives the same value, without their
 * per-call field maps: the formatter-based parse was a quarter of the time spent mapping a
 * Request (itests/benchmarks/iso18626-codec.md).
 */
final class XsDateTime {

  private XsDateTime() {}

  static OffsetDateTime parse(String t) {
    int n = t.length();
    if (n < 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int p = 19;
    int nanos = 0;
    if (p < n && t.charAt(p) == '.') {
      int start = ++p;
      while (p < n && p - start < 9 && isDigit(t.charAt(p))) {
        nanos = nanos * 10 + (t.charAt(p++) - '0');
      }
      if (p == start || (p < n && isDigit(t.charAt(p)))) {
        return null;
      }
      for (int i = p - start; i < 9; i++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset;
    if (p == n) {
      offset = ZoneOffset.UTC;
    } else if (p + 1 == n && t.charAt(p) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (p + 6 == n && (t.charAt(p) == '+' || t.charAt(p) == '-') && t.charAt(p + 3) == ':') {
      int oh = digits(t, p + 1, 2);
      int om = digits(t, p + 4, 2);
      if ((oh | om) < 0) {
        return null;
      }
      int sign = t.charAt(p) == '-' ? -1 : 1;
      try {
        offset = ZoneOffset.ofHoursMinutes(sign * oh, sign * om);
      } catch (DateTimeException e) {
        return null;
      }
    } else {
      return null;
    }
    try {
      return OffsetDateTime.of(LocalDateTime.of(year, month, day, hour, minute, second, nanos), offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The decimal value of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String t, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = t.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t)} for the usual values (year 0 to
   * 9999, offset in whole minutes), written without the formatter's per-call objects; anything
   * else goes through the formatter. {@code XsDateTimeTest} holds the two to the same output.
   */
  static String format(OffsetDateTime t) {
    int year = t.getYear();
    ZoneOffset offset = t.getOffset();
    int offsetSeconds = offset.getTotalSeconds();
    if (year < 0 || year > 9999 || offsetSeconds % 60 != 0) {
      return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }
    char[] c = new char[35];
    int n = 0;
    n = two(c, n, year / 100);
    n = two(c, n, year % 100);
    c[n++] = '-';
    n = two(c, n, t.getMonthValue());
    c[n++] = '-';
    n = two(c, n, t.getDayOfMonth());
    c[n++] = 'T';
    n = two(c, n, t.getHour());
    c[n++] = ':';
    n = two(c, n, t.getMinute());
    c[n++] = ':';
    n = two(c, n, t.getSecond());
    int nano = t.getNano();
    if (nano != 0) {
      c[n++] = '.';
      int digits = 9;
      while (nano % 10 == 0) {
        nano /= 10;
        digits--;
      }
      for (int i = digits - 1; i >= 0; i--) {
        c[n + i] = (char) ('0' + nano % 10);
        nano /= 10;
      }
      n += digits;
    }
    if (offsetSeconds == 0) {
      c[n++] = 'Z';
    } else {
      c[n++] = offsetSeconds < 0 ? '-' : '+';
      int minutes = Math.abs(offsetSeconds) / 60;
      n = two(c, n, minutes / 60);
      c[n++] = ':';
      n = two(c, n, minutes % 60);
    }
    return new String(c, 0, n);
  }

  private static final int MAX_SCHEMA_OFFSET_SECONDS = 14 * 3600;

  /**
   * The same instant with an offset the schema can carry: {@code xs:dateTime} offsets are whole
   * minutes within ±14:00, Java's go to ±18:00 with seconds; anything else is written in UTC.
   */
  static OffsetDateTime schemaOffset(OffsetDateTime t) {
    int seconds = t.getOffset().getTotalSeconds();
    if (Math.abs(seconds) > MAX_SCHEMA_OFFSET_SECONDS || seconds % 60 != 0) {
      return t.withOffsetSameInstant(ZoneOffset.UTC);
    }
    return t;
  }

  private static int two(char[] c, int n, int v) {
    c[n] = (char) ('0' + v / 10);
    c[n + 1] = (char) ('0' + v % 10);
    return n + 2;
  }
}
