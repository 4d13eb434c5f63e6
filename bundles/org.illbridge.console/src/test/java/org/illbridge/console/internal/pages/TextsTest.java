package org.illbridge.console.internal.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.OutboxStatus;
import org.junit.jupiter.api.Test;

class TextsTest {
  static final Texts EN = new Texts(Locale.ENGLISH);
  static final Texts FR = new Texts(Locale.FRENCH);

  @Test
  void englishAndFrenchHaveTheSameKeys() throws Exception {
    assertEquals(keys("en").stringPropertyNames(), keys("fr").stringPropertyNames());
  }

  private static Properties keys(String lang) throws Exception {
    Properties p = new Properties();
    try (InputStream in = Texts.class.getResourceAsStream("console_" + lang + ".properties")) {
      p.load(in);
    }
    return p;
  }

  @Test
  void everyNeutralCodeHasALabelInBothLanguages() {
    for (Texts t : new Texts[] {EN, FR}) {
      for (TransactionState s : TransactionState.values()) {
        assertTrue(t.has("state." + s.name()), s + " " + t.locale());
      }
      for (MessageType m : MessageType.values()) {
        assertTrue(t.has("type." + m.name()), m + " " + t.locale());
      }
      for (OutboxStatus s : OutboxStatus.values()) {
        assertTrue(t.has("outbox." + s.name()), s + " " + t.locale());
      }
      for (ServiceType s : ServiceType.values()) {
        assertTrue(t.has("service." + s.name()), s + " " + t.locale());
      }
      for (Protocol p : Protocol.values()) {
        assertTrue(t.has("protocol." + p.name()), p + " " + t.locale());
      }
    }
    for (org.illbridge.iso10161.ReasonCode r : org.illbridge.iso10161.ReasonCode.values()) {
      String code = r.name().toLowerCase(Locale.ROOT).replace('_', '-');
      assertTrue(EN.has("reason." + code) && FR.has("reason." + code), code);
    }
  }

  @Test
  void reasonsAreShownThroughTheMessageBundlesNeverRaw() {
    assertEquals("Not held by the library", EN.reason(MessageType.UNFILLED, "NotHeld"));
    assertFalse(FR.reason(MessageType.UNFILLED, "NotHeld").contains("NotHeld"));
    assertEquals("Not on the shelf", EN.reason(MessageType.UNFILLED, "not-on-shelf"));
    assertEquals("Pas en rayon", FR.reason(MessageType.UNFILLED, "not-on-shelf"));
    assertEquals("No lender in the list could supply the item", EN.reason(MessageType.UNFILLED, "lenders-exhausted"));
    assertEquals("Expédiée", FR.reason(MessageType.STATUS_REPORT, "SHIPPED"));
    assertEquals("Other value (X-42)", EN.reason(MessageType.NOTE, "X-42"));
    assertEquals("Rejected: unknown library", EN.result("rejected:unknown-agency"));
    assertEquals("Refusé : bibliothèque inconnue", FR.result("rejected:unknown-agency"));
    // apostrophes survive MessageFormat in both languages
    assertEquals("Journal d'audit", FR.get("audit.title"));
    assertEquals("Refused by the partner's dialect", EN.result("refused-by-dialect"));
  }

  @Test
  void languageComesFromTheParameterThenTheCookieThenTheBrowser() {
    Fakes.Request r = new Fakes.Request();
    r.headers.put("Accept-Language", "de-CH, fr;q=0.8, en;q=0.5");
    assertEquals(Locale.FRENCH, LocaleChoice.choose(r, new Fakes.Response()));
    r.cookies.add(new jakarta.servlet.http.Cookie(LocaleChoice.COOKIE, "en"));
    assertEquals(Locale.ENGLISH, LocaleChoice.choose(r, new Fakes.Response()));
    r.param("lang", "fr");
    Fakes.Response response = new Fakes.Response();
    assertEquals(Locale.FRENCH, LocaleChoice.choose(r, response));
    assertEquals("fr", response.cookies.get(0).getValue());
    assertEquals(Locale.ENGLISH, LocaleChoice.fromAcceptLanguage("not a ;; header"));
    assertEquals(Locale.ENGLISH, LocaleChoice.fromAcceptLanguage(null));
  }
}
