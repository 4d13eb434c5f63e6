package org.illbridge.console.internal.pages;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.TransactionState;
import org.illbridge.iso18626.CodeLabels;
import org.illbridge.iso18626.ErrorType;
import org.illbridge.iso18626.ReasonRetry;
import org.illbridge.iso18626.ReasonUnfilled;

/**
 * The console's words in one language ({@code console_en.properties}, {@code console_fr.properties}).
 * Codes (states, message types, reasons, audit actions) are always shown through here, never raw;
 * a code without a label is shown as "other value (code)" so that nothing is hidden either.
 */
final class Texts {
  static final String BUNDLE = "org.illbridge.console.internal.pages.console";
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final Locale locale;
  private final ResourceBundle bundle;
  private final DateTimeFormatter dateTime;

  Texts(Locale locale) {
    this.locale = locale;
    this.bundle = ResourceBundle.getBundle(BUNDLE, locale, Texts.class.getClassLoader(), NO_FALLBACK);
    this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
        .withZone(ZoneId.systemDefault());
  }

  Locale locale() {
    return locale;
  }

  boolean has(String key) {
    return bundle.containsKey(key);
  }

  /** The text for a key, with {0}-style arguments. A missing key shows as the key in brackets. */
  String get(String key, Object... args) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      return "[" + key + "]";
    }
    // Every text is a MessageFormat pattern (an apostrophe is written ''), with or without arguments.
    return new MessageFormat(pattern, locale).format(args);
  }

  /** The label of {@code prefix.code}, or "other value (code)". */
  String code(String prefix, String code) {
    if (code == null || code.isEmpty()) {
      return "";
    }
    String key = prefix + "." + code;
    return bundle.containsKey(key) ? get(key) : get("code.other", code);
  }

  String state(TransactionState s) {
    return s == null ? "" : code("state", s.name());
  }

  String type(MessageType t) {
    return t == null ? get("type.undecoded") : code("type", t.name());
  }

  /**
   * A neutral reason. Codecs pass the partner's reason through: ISO 18626 codes
   * (ReasonUnfilled, ReasonRetry, ErrorType), ISO 10161 reason names (kebab case), the engine's
   * own reasons, or a state name for a status report.
   */
  String reason(MessageType type, String reason) {
    if (reason == null || reason.isBlank()) {
      return "";
    }
    if (bundle.containsKey("reason." + reason)) {
      return get("reason." + reason);
    }
    if (type == MessageType.STATUS_REPORT) {
      try {
        return state(TransactionState.valueOf(reason));
      } catch (IllegalArgumentException notAState) {
        // fall through to the generic label
      }
    }
    if (type == MessageType.UNFILLED && ReasonUnfilled.fromCodeIgnoreCase(reason) != null) {
      return CodeLabels.label(ReasonUnfilled.class, reason, locale);
    }
    if (type == MessageType.RETRY_POSSIBLE || type == MessageType.ESTIMATE) {
      for (ReasonRetry r : ReasonRetry.values()) {
        if (r.code().equalsIgnoreCase(reason)) {
          return CodeLabels.label(r, locale);
        }
      }
    }
    if (type == MessageType.ERROR_REPORT) {
      for (ErrorType e : ErrorType.values()) {
        if (e.code().equalsIgnoreCase(reason)) {
          return CodeLabels.label(e, locale);
        }
      }
    }
    for (ReasonUnfilled r : ReasonUnfilled.values()) {
      if (r.code().equalsIgnoreCase(reason)) {
        return CodeLabels.label(r, locale);
      }
    }
    return get("code.other", reason);
  }

  /** A message log result such as {@code accepted} or {@code rejected:unknown-agency}. */
  String result(String result) {
    if (result == null || result.isEmpty()) {
      return "";
    }
    int colon = result.indexOf(':');
    if (colon < 0) {
      return code("result", result);
    }
    String head = result.substring(0, colon);
    String tail = result.substring(colon + 1);
    String detail = bundle.containsKey("result.detail." + tail) ? get("result.detail." + tail) : tail;
    return get("result.withDetail", code("result", head), detail);
  }

  String dateTime(Instant at) {
    return at == null ? "" : dateTime.format(at);
  }
}
