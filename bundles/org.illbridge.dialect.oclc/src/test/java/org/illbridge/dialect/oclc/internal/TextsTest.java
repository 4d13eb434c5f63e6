package org.illbridge.dialect.oclc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The French bundle has every English key, translated, with the same arguments. */
class TextsTest {

  @Test
  void frenchTranslationIsComplete() {
    // "Note" is the same word in both languages
    assertEquals(List.of(), Texts.TEXTS.problems(Locale.FRENCH, "type.NOTE"));
  }
}
