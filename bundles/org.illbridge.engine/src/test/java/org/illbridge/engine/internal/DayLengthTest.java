package org.illbridge.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.junit.jupiter.api.Test;

/** The test-only {@code dayLength} setting: the rota's timers in shortened days. */
class DayLengthTest {

  @Test
  void daysToRespondAndTheGraceFollowTheLengthOfADay() {
    // a lender with 7 days to respond; a day lasts 10 s; 24 hours of grace = one such day
    Harness h = new Harness(EngineSettings.of("home", 7, 24, Duration.ofSeconds(10),
        Duration.ofSeconds(10)));
    h.lender("bvas");
    h.lender("bvau");
    String key = Harness.key(h.homeRequest("ILLUME-200", "bvas", "bvau"));
    h.store.drain(h.delivery);

    h.clock.advance(Duration.ofSeconds(69));
    assertEquals(0, h.timers.runDue(10), "7 days of 10 s have not gone by");
    h.clock.advance(Duration.ofSeconds(1));
    assertEquals(1, h.timers.runDue(10), "they have now");
    h.store.drain(h.delivery);
    List<IllMessage> toFirst = h.sentTo("bvas.example");
    assertEquals(MessageType.STATUS_QUERY, toFirst.get(toFirst.size() - 1).type());

    h.clock.advance(Duration.ofSeconds(9));
    assertEquals(0, h.timers.runDue(10), "grace of 24 hours = 10 s not over");
    h.clock.advance(Duration.ofSeconds(1));
    assertEquals(1, h.timers.runDue(10));
    assertEquals("bvau", h.tx(key).supplier().partnerKey());
  }

  @Test
  void realDaysByDefaultAndGraceHoursAreTwentyFourthsOfADay() {
    assertEquals(Duration.ofDays(1), EngineSettings.defaults().dayLength());
    assertEquals(Duration.ofDays(7), EngineSettings.defaults().days(7));
    assertEquals(Duration.ofHours(24), EngineSettings.of("home", 7, 24, Duration.ofSeconds(1),
        EngineSettings.ONE_DAY).statusQueryGrace());
    assertEquals(Duration.ofSeconds(3), EngineSettings.of("home", 7, 6, Duration.ofSeconds(1),
        Duration.ofSeconds(12)).statusQueryGrace());
    assertEquals(Duration.ofDays(1), EngineSettings.parseDayLength(null));
    assertEquals(Duration.ofDays(1), EngineSettings.parseDayLength(" "));
    assertEquals(Duration.ofSeconds(5), EngineSettings.parseDayLength(" PT5S "));
  }

  @Test
  void aWrongDayLengthIsRefusedWithTheValueNamed() {
    for (String bad : List.of("5 seconds", "PT0S", "-PT1S", "P1X")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> EngineSettings.parseDayLength(bad));
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new EngineSettings("home", 7,
        Duration.ofHours(1), Duration.ofSeconds(1), Duration.ZERO));
  }
}
