package org.illbridge.dialect.oclc.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.illbridge.api.model.MessageType;

/**
 * The dialect's human-readable texts, kept in the message bundle {@code dialect.properties}
 * (English, the root bundle) and {@code dialect_fr.properties} beside this class.
 *
 * <p>The Dialect SPI carries reasons and warnings as plain strings, so the dialect always renders
 * them in English ({@link #en}); the French bundle holds the same keys for the console. Message
 * types are shown by their human name ({@code type.*} keys), never by their enum code.
 *
 * <p>Hand-written rather than shared: each dialect bundle depends on the API alone (like a
 * vendor's dialect would), so this small helper is repeated in each of them.
 */
final class Texts {

  static final String BUNDLE = Texts.class.getPackageName() + ".dialect";

  /** No fall-back to the JVM's default locale: English stays English on a French server. */
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private Texts() {}

  /** The text for {@code key} in English, with {@code args} formatted in. */
  static String en(String key, Object... args) {
    return text(Locale.ROOT, key, args);
  }

  /** The text for {@code key} in the given locale (English when the locale has no bundle). */
  static String text(Locale locale, String key, Object... args) {
    ResourceBundle bundle = bundle(locale);
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalStateException("no text for key " + key + " in " + BUNDLE, e);
    }
    return new MessageFormat(pattern, locale).format(args);
  }

  /** The human name of a message type, e.g. "Will-Supply" for WILL_SUPPLY. */
  static String type(MessageType type) {
    return en("type." + type.name());
  }

  static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle(BUNDLE, locale, Texts.class.getClassLoader(), NO_FALLBACK);
  }
}
