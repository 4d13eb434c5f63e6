package org.illbridge.rest.internal;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.model.TransactionState;

/**
 * Human-readable names for codes (states, message types, service types, the engine's reasons and
 * notices) from {@code codes_en.properties} / {@code codes_fr.properties}: people never see a raw
 * code. The API answers in the language of {@code Accept-Language} (English or French).
 */
final class Labels {

  /** The engine's attribute on notes it writes to the home system (see the engine README). */
  static final String ATTR_NOTICE = "bridge.notice";
  /** The engine's attribute carrying a home-system request's lender list. */
  static final String ATTR_LENDERS = "bridge.lenders";

  private static final String BASE = "org.illbridge.rest.internal.codes";
  private static final Labels EN = load(Locale.ENGLISH);
  private static final Labels FR = load(Locale.FRENCH);

  private final ResourceBundle bundle;
  private final Locale locale;

  private Labels(ResourceBundle bundle, Locale locale) {
    this.bundle = bundle;
    this.locale = locale;
  }

  private static Labels load(Locale locale) {
    ResourceBundle b = ResourceBundle.getBundle(BASE, locale, Labels.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    return new Labels(b, locale);
  }

  static Labels english() {
    return EN;
  }

  /** {@code fr} (any region) is French; anything else English. */
  static Labels forLanguage(String language) {
    return language != null && language.trim().toLowerCase(Locale.ROOT).startsWith("fr") ? FR : EN;
  }

  /** The best of English and French for an {@code Accept-Language} header; English by default. */
  static Labels forAcceptLanguage(String header) {
    if (header == null || header.isBlank()) {
      return EN;
    }
    try {
      Locale best = Locale.lookup(Locale.LanguageRange.parse(header), List.of(Locale.ENGLISH, Locale.FRENCH));
      return best != null && best.getLanguage().equals("fr") ? FR : EN;
    } catch (IllegalArgumentException e) {
      return EN;
    }
  }

  Locale locale() {
    return locale;
  }

  String state(TransactionState s) {
    return get("state." + s.name(), s.name());
  }

  String type(MessageType t) {
    return get("type." + t.name(), t.name());
  }

  String serviceType(ServiceType t) {
    return get("service." + t.name(), t.name());
  }

  /** Label of a neutral reason the engine writes, or null for reasons it does not know. */
  String reason(String code) {
    return get("reason." + code, null);
  }

  /** Label of a {@code bridge.notice} code, or null when unknown. */
  String notice(String code) {
    return get("notice." + code, null);
  }

  private String get(String key, String fallback) {
    try {
      return bundle.getString(key);
    } catch (MissingResourceException e) {
      return fallback;
    }
  }
}
