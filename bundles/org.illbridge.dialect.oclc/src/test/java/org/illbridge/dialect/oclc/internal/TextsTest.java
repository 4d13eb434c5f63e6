package org.illbridge.dialect.oclc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.illbridge.api.model.MessageType;
import org.junit.jupiter.api.Test;

/** The message bundles: French has every English key, and every text formats. */
class TextsTest {

  private static Set<String> keys(ResourceBundle b) {
    return new TreeSet<>(Collections.list(b.getKeys()));
  }

  @Test
  void frenchHasExactlyTheEnglishKeys() {
    ResourceBundle en = Texts.bundle(Locale.ROOT);
    ResourceBundle fr = Texts.bundle(Locale.FRENCH);
    assertEquals(keys(en), keys(fr));
    // handleKeySet: keys defined in the French file itself, not inherited from the root bundle
    assertEquals(keys(en), new TreeSet<>(fr.keySet()));
    for (String key : keys(en)) {
      if (!key.startsWith("type.NOTE")) {
        assertNotEquals(en.getString(key), fr.getString(key), "untranslated " + key);
      }
    }
  }

  @Test
  void everyTextFormatsWithTheSameArgumentCount() {
    ResourceBundle en = Texts.bundle(Locale.ROOT);
    ResourceBundle fr = Texts.bundle(Locale.FRENCH);
    for (String key : keys(en)) {
      int n = new MessageFormat(en.getString(key)).getFormatsByArgumentIndex().length;
      assertEquals(n, new MessageFormat(fr.getString(key)).getFormatsByArgumentIndex().length, key);
      assertFalse(Texts.text(Locale.FRENCH, key, "x", "y", "z").contains("{"), key);
    }
  }

  @Test
  void everyMessageTypeHasAHumanName() {
    for (MessageType t : MessageType.values()) {
      assertFalse(Texts.type(t).contains("_"), t.name());
    }
  }

  @Test
  void englishDoesNotFallBackToTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.FRENCH);
      assertEquals("Shipped", Texts.type(MessageType.SHIPPED));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void unknownKeyIsAClearError() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Texts.en("no.such.key"));
    assertEquals(true, e.getMessage().contains("no.such.key"));
  }
}
