package org.illbridge.api.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.illbridge.api.model.MessageType;
import org.junit.jupiter.api.Test;

class DialectTextsTest {
  private static final DialectTexts SAMPLE = DialectTexts.of(DialectTextsTest.class, "sample");

  @Test
  void formatsEnglishAndFrench() {
    assertEquals("Note dropped for BVAS", SAMPLE.en("note.dropped", "BVAS"));
    assertEquals("Note supprimée pour BVAS", SAMPLE.text(Locale.FRENCH, "note.dropped", "BVAS"));
    assertEquals("Shipped en", SAMPLE.type(MessageType.SHIPPED));
  }

  @Test
  void englishDoesNotFallBackToTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.FRENCH);
      assertEquals("Shipped en", SAMPLE.type(MessageType.SHIPPED));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void unknownKeyIsAClearError() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SAMPLE.en("no.such.key"));
    assertTrue(e.getMessage().contains("no.such.key"));
  }

  @Test
  void aCompleteTranslationHasNoProblems() {
    assertEquals(List.of(), SAMPLE.problems(Locale.FRENCH));
  }

  @Test
  void problemsNameEachDefect() {
    List<String> problems = DialectTexts.of(DialectTextsTest.class, "broken").problems(Locale.FRENCH, "x");
    assertTrue(problems.contains("argument count differs in fr: a"), problems.toString());
    assertTrue(problems.contains("missing in fr: b"), problems.toString());
    assertTrue(problems.contains("only in fr: c"), problems.toString());
    assertTrue(problems.contains("no human name for message type SHIPPED"), problems.toString());
  }
}
