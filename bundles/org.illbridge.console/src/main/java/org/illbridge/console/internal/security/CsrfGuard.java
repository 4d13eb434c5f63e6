package org.illbridge.console.internal.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request forgery rules for every console request.
 *
 * <ul>
 *   <li>GET, HEAD, OPTIONS and TRACE change nothing and pass.
 *   <li>A state-changing request that carries HTTP Basic credentials and none of the headers
 *       {@code Origin}, {@code Referer} or {@code Cookie} passes without a token: that is curl or a
 *       script. A forged request comes from a browser, and a browser always sends {@code Origin}
 *       on a cross-site POST/PUT/PATCH/DELETE (and a page on another site cannot set an
 *       {@code Authorization} header of its own without a CORS preflight the console never
 *       grants); so a request without those headers cannot have been forged by a web page.
 *   <li>Everything else needs the session's token in the {@value #HEADER} header or the
 *       {@value #FIELD} form field; the token is injected into every console page by
 *       {@link CsrfTokenInjectionFilter} and sent along by {@code csrf.js}.
 * </ul>
 */
final class CsrfGuard {

  static final String HEADER = "X-CSRF-Token";
  static final String FIELD = "_csrf";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final SecureRandom RANDOM = new SecureRandom();

  private CsrfGuard() {}

  enum Verdict {
    SAFE_METHOD(true, null),
    SCRIPT_CLIENT(true, null),
    VALID_TOKEN(true, null),
    NO_SESSION(false, "there is no console session to check a CSRF token against"),
    MISSING_TOKEN(false, "the request has no CSRF token"),
    WRONG_TOKEN(false, "the request's CSRF token does not match this session");

    final boolean allowed;
    final String reason;

    Verdict(boolean allowed, String reason) {
      this.allowed = allowed;
      this.reason = reason;
    }
  }

  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static boolean isStateChanging(String method) {
    return method == null || !SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT));
  }

  /**
   * Decides whether a request may proceed.
   *
   * @param sessionToken the token of the request's console session, or {@code null} if it has none
   */
  static Verdict check(HttpServletRequest request, String sessionToken) {
    if (!isStateChanging(request.getMethod())) {
      return Verdict.SAFE_METHOD;
    }
    if (BasicCredentials.parse(request.getHeader("Authorization")) != null
        && request.getHeader("Origin") == null
        && request.getHeader("Referer") == null
        && request.getHeader("Cookie") == null) {
      return Verdict.SCRIPT_CLIENT;
    }
    if (sessionToken == null) {
      return Verdict.NO_SESSION;
    }
    String supplied = suppliedToken(request);
    if (supplied == null || supplied.isEmpty()) {
      return Verdict.MISSING_TOKEN;
    }
    boolean same = MessageDigest.isEqual(
        supplied.getBytes(StandardCharsets.UTF_8), sessionToken.getBytes(StandardCharsets.UTF_8));
    return same ? Verdict.VALID_TOKEN : Verdict.WRONG_TOKEN;
  }

  private static String suppliedToken(HttpServletRequest request) {
    String header = request.getHeader(HEADER);
    if (header != null && !header.isEmpty()) {
      return header.trim();
    }
    try {
      // Form posts, including the console's multipart ones: the HTTP service parses the body once
      // and keeps it for the servlet, so reading a field here does not consume the upload.
      return request.getParameter(FIELD);
    } catch (RuntimeException unreadableBody) {
      return null;
    }
  }
}
