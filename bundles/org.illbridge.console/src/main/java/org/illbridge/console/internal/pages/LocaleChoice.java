package org.illbridge.console.internal.pages;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;

/**
 * The console's language: English or French. A {@code ?lang=fr} parameter wins and is remembered
 * in a cookie; then the cookie; then the browser's {@code Accept-Language}; English otherwise.
 */
final class LocaleChoice {
  static final String PARAM = "lang";
  static final String COOKIE = "illbridge.console.lang";
  static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH);

  private LocaleChoice() {}

  static Locale choose(HttpServletRequest request, HttpServletResponse response) {
    Locale asked = supported(request.getParameter(PARAM));
    if (asked != null) {
      if (response != null && !response.isCommitted()) {
        Cookie cookie = new Cookie(COOKIE, asked.getLanguage());
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setMaxAge(365 * 24 * 3600);
        cookie.setAttribute("SameSite", "Strict");
        response.addCookie(cookie);
      }
      return asked;
    }
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        Locale fromCookie = COOKIE.equals(c.getName()) ? supported(c.getValue()) : null;
        if (fromCookie != null) {
          return fromCookie;
        }
      }
    }
    return fromAcceptLanguage(request.getHeader("Accept-Language"));
  }

  /** The first supported language of an Accept-Language header, honouring q-values. */
  static Locale fromAcceptLanguage(String header) {
    if (header == null || header.isBlank()) {
      return Locale.ENGLISH;
    }
    try {
      for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
        String tag = range.getRange();
        Locale l = supported(tag.length() >= 2 ? tag.substring(0, 2) : tag);
        if (l != null && range.getWeight() > 0) {
          return l;
        }
      }
    } catch (IllegalArgumentException malformed) {
      // A malformed header is the browser's problem; the console still answers, in English.
    }
    return Locale.ENGLISH;
  }

  private static Locale supported(String language) {
    if (language == null) {
      return null;
    }
    for (Locale l : SUPPORTED) {
      if (l.getLanguage().equalsIgnoreCase(language.trim())) {
        return l;
      }
    }
    return null;
  }
}
