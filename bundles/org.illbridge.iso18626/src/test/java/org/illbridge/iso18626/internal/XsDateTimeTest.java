package org.illbridge.iso18626.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The xs:dateTime fast path agrees with java.time's ISO parsers, or declines (null). */
class XsDateTimeTest {

  /** What the reader's general path gives: an ISO offset date-time, or a local one taken as UTC. */
  private static OffsetDateTime reference(String t) {
    try {
      return OffsetDateTime.parse(t);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(t).atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2013-07-01T10:00:00Z", "2013-07-01T10:00:00", "2024-02-29T23:59:59+05:30",
      "1999-12-31T00:00:00-08:00", "2013-07-01T10:00:00.5Z", "2013-07-01T10:00:00.123456789+01:00",
      "2013-07-01T10:00:00.000-00:00", "0001-01-01T00:00:00Z", "2013-07-01T10:00:00+18:00"})
  void acceptsTheUsualShapesWithTheSameValue(String t) {
    OffsetDateTime fast = XsDateTime.parse(t);
    assertNotNull(fast, t);
    assertEquals(reference(t), fast, t);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2013-02-30T10:00:00Z", "2013-07-01T24:00:00Z", "2013-07-01T10:60:00Z",
      "2013-07-01T10:00:60Z", "2013-13-01T10:00:00Z", "2013-07-01T10:00:00+19:00", "2013-07-01T10:00:00.Z",
      "2013-07-01T10:00:00.1234567891Z", "2013-07-01T10:00Z", "2013-07-01 10:00:00Z", "2013-07-01",
      "+12013-07-01T10:00:00Z", "2013-07-01T10:00:00+0100", "2013-07-01T10:00:00z", "2013-07-01T10:00:00+01:00:30",
      "２０１３-07-01T10:00:00Z", "", "yesterday"})
  void declinesEverythingElse(String t) {
    assertNull(XsDateTime.parse(t), t);
  }

  @org.junit.jupiter.api.Test
  void formatsLikeTheIsoFormatter() {
    java.util.Random r = new java.util.Random(7);
    int[] offsets = {0, 3600, -21600, 19800, -34200, 50400, -64800, 64800, 45, -3601};
    for (int i = 0; i < 20_000; i++) {
      int year = i % 50 == 0 ? -5 + r.nextInt(10) : i % 51 == 0 ? 9990 + r.nextInt(20) : 1 + r.nextInt(3000);
      int nano = switch (i % 5) {
        case 0 -> 0;
        case 1 -> r.nextInt(1000) * 1_000_000;
        case 2 -> r.nextInt(1_000_000_000);
        case 3 -> r.nextInt(10) * 100_000_000;
        default -> r.nextInt(1000);
      };
      OffsetDateTime t = OffsetDateTime.of(year, 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60),
          r.nextInt(60), nano, ZoneOffset.ofTotalSeconds(offsets[r.nextInt(offsets.length)]));
      assertEquals(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t), XsDateTime.format(t), t::toString);
    }
  }
}
