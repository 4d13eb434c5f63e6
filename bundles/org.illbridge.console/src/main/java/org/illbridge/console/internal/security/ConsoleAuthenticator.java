package org.illbridge.console.internal.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.illbridge.console.PasswordHash;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login, session and CSRF logic of the console, free of OSGi so it can be tested with plain
 * request fakes. {@link ConsoleSecurityProvider} hands it every console request.
 *
 * <p>Login is HTTP Basic, so curl and scripts work as they are. A browser gets an
 * {@link HttpSession} after its first good login; later requests are recognised by the session
 * and not hashed again. Basic has no logout and browsers resend cached credentials silently, so a
 * small cookie ({@value #LOGIN_COOKIE}) tells an expired or logged-out browser apart from a fresh
 * one: a browser that had a session which is gone is asked for its password again instead of being
 * let back in with the cached one.
 */
final class ConsoleAuthenticator {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuthenticator.class);

  static final String SESSION_USER = "org.illbridge.console.user";
  static final String SESSION_CSRF_TOKEN = "org.illbridge.console.csrf";
  static final String SESSION_LAST_SEEN = "org.illbridge.console.lastSeen";
  static final String SESSION_CREDENTIALS = "org.illbridge.console.credentials";

  /** Browser-session cookie: {@value #ACTIVE} while logged in, {@value #REAUTH} after a challenge. */
  static final String LOGIN_COOKIE = "illbridge.console.login";
  static final String ACTIVE = "active";
  static final String REAUTH = "reauth";

  private final Clock clock;
  private final VerifiedCredentialCache credentialCache;
  private volatile Settings settings;
  private volatile LoginThrottle throttle;

  ConsoleAuthenticator(Settings settings, Clock clock) {
    this.clock = clock;
    this.credentialCache = new VerifiedCredentialCache(clock);
    update(settings);
  }

  /** Applies new settings; sessions opened under another password end on their next request. */
  void update(Settings newSettings) {
    this.throttle =
        new LoginThrottle(newSettings.maxFailures(), newSettings.failureWindow(), clock);
    this.settings = newSettings;
    credentialCache.clear();
  }

  Settings settings() {
    return settings;
  }

  /**
   * Authenticates one console request and applies the CSRF rules to it.
   *
   * @return the user name, or {@code null} after a complete reply (401, 403 or 429) was sent
   */
  String authenticate(HttpServletRequest request, HttpServletResponse response) {
    Settings current = settings;
    String client = request.getRemoteAddr();
    String user = sessionUser(request, current);
    if (user == null) {
      user = loginWithBasic(request, response, current, client);
      if (user == null) {
        return null;
      }
    }
    request.setAttribute(ServletContextHelper.REMOTE_USER, user);
    request.setAttribute(ServletContextHelper.AUTHENTICATION_TYPE, HttpServletRequest.BASIC_AUTH);

    HttpSession session = request.getSession(false);
    String token = session == null ? null : (String) session.getAttribute(SESSION_CSRF_TOKEN);
    CsrfGuard.Verdict verdict = CsrfGuard.check(request, token);
    if (!verdict.allowed) {
      LOG.warn("Console refused {} {} from {} (user '{}'): {}", request.getMethod(),
          request.getRequestURI(), client, user, verdict.reason);
      sendPlain(response, HttpServletResponse.SC_FORBIDDEN,
          "Refused: " + verdict.reason + ".\n"
              + "This protects the ILL Bridge console against cross-site request forgery (CSRF).\n"
              + "In a browser: reload the console page and try again.\n"
              + "From a script: send HTTP Basic credentials and no cookies, or send the session's"
              + " token in the " + CsrfGuard.HEADER + " header.\n");
      return null;
    }
    return user;
  }

  /** Ends the browser's console session (called by the console for {@code .../logout}). */
  void logout(HttpServletRequest request, HttpServletResponse response) {
    if (REAUTH.equals(cookie(request, LOGIN_COOKIE))) {
      // The user has just typed their password again at the prompt that ended the previous
      // logout, and the browser repeated that .../logout request: go to the console instead of
      // logging out a second time.
      redirect(response, consoleRoot(request));
      return;
    }
    HttpSession session = request.getSession(false);
    if (session != null) {
      Object user = session.getAttribute(SESSION_USER);
      invalidate(session);
      LOG.info("Console logout: user '{}' from {}", user, request.getRemoteAddr());
    }
    setLoginCookie(request, response, REAUTH);
    // A 401 is the only way to make a browser forget cached Basic credentials.
    challenge(response, settings, "You are logged out of the ILL Bridge console."
        + " Reload the page to log in again.\n");
  }

  // ---------------------------------------------------------------------------------------------

  private String sessionUser(HttpServletRequest request, Settings current) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Object user;
    Object lastSeen;
    Object credentials;
    try {
      user = session.getAttribute(SESSION_USER);
      lastSeen = session.getAttribute(SESSION_LAST_SEEN);
      credentials = session.getAttribute(SESSION_CREDENTIALS);
    } catch (IllegalStateException invalidated) {
      return null;
    }
    if (!(user instanceof String name) || !(lastSeen instanceof Long seen)) {
      return null;
    }
    long now = clock.millis();
    if (now - seen > current.sessionTimeout().toMillis()) {
      LOG.info("Console session of user '{}' from {} expired after {} idle minutes", name,
          request.getRemoteAddr(), current.sessionTimeout().toMinutes());
      invalidate(session);
      return null;
    }
    if (!name.equals(current.adminUser()) || !credentialsFingerprint(current).equals(credentials)) {
      LOG.info("Console session of user '{}' from {} ended: the administrator login was changed",
          name, request.getRemoteAddr());
      invalidate(session);
      return null;
    }
    session.setAttribute(SESSION_LAST_SEEN, now);
    return name;
  }

  private String loginWithBasic(HttpServletRequest request, HttpServletResponse response,
      Settings current, String client) {
    BasicCredentials credentials = BasicCredentials.parse(request.getHeader("Authorization"));
    if (credentials == null) {
      LOG.debug("Console request {} from {} without credentials: asking for them",
          request.getRequestURI(), client);
      challenge(response, current, "Log in to the ILL Bridge console with the administrator"
          + " user name and password.\n");
      return null;
    }
    try {
      Duration locked = throttle.lockedFor(client);
      if (!locked.isZero()) {
        long minutes = Math.max(1, (locked.getSeconds() + 59) / 60);
        LOG.info("Console login from {} refused: locked out for {} more minute(s) after repeated"
            + " failures", client, minutes);
        response.setHeader("Retry-After", Long.toString(Math.max(1, locked.getSeconds())));
        sendPlain(response, 429, "Too many failed logins from your address. Try again in "
            + minutes + " minute(s).\n");
        return null;
      }
      if (!credentialsMatch(credentials, current)) {
        boolean lockedNow = throttle.recordFailure(client);
        if (current.passwordHash() == null) {
          LOG.warn("Console login failed for user '{}' from {}: no valid password hash is"
              + " configured (see the error logged at start)", credentials.user(), client);
        } else {
          LOG.info("Console login failed for user '{}' from {}: wrong user name or password",
              credentials.user(), client);
        }
        if (lockedNow) {
          LOG.warn("Console logins from {} locked out for {} minute(s) after {} failures",
              client, current.failureWindow().toMinutes(), current.maxFailures());
        }
        challenge(response, current, "Wrong user name or password.\n");
        return null;
      }
    } finally {
      credentials.wipe();
    }
    throttle.recordSuccess(client);
    String user = credentials.user();

    String loginCookie = cookie(request, LOGIN_COOKIE);
    if (loginCookie != null && !REAUTH.equals(loginCookie)) {
      // This browser had a console session that has expired, was logged out in another tab, or
      // did not survive a restart; the credentials came from its cache, not from the person.
      LOG.info("Console session of user '{}' from {} is gone: asking for the password again",
          user, client);
      setLoginCookie(request, response, REAUTH);
      challenge(response, current, "Your ILL Bridge console session has ended."
          + " Reload the page to log in again.\n");
      return null;
    }

    if (looksLikeBrowser(request)) {
      HttpSession session = request.getSession(true);
      session.setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE,
          current.sessionTimeout().toSeconds() + 60));
      session.setAttribute(SESSION_USER, user);
      session.setAttribute(SESSION_LAST_SEEN, clock.millis());
      session.setAttribute(SESSION_CREDENTIALS, credentialsFingerprint(current));
      session.setAttribute(SESSION_CSRF_TOKEN, CsrfGuard.newToken());
      setLoginCookie(request, response, ACTIVE);
      LOG.info("Console login: user '{}' from {}", user, client);
    } else {
      LOG.debug("Console request {} {} by user '{}' from {} (HTTP Basic, no session)",
          request.getMethod(), request.getRequestURI(), user, client);
    }
    return user;
  }

  private boolean credentialsMatch(BasicCredentials credentials, Settings current) {
    String hash = current.passwordHash();
    if (hash == null) {
      return false;
    }
    boolean userMatches = MessageDigest.isEqual(
        credentials.user().getBytes(StandardCharsets.UTF_8),
        current.adminUser().getBytes(StandardCharsets.UTF_8));
    if (userMatches && credentialCache.contains(credentials.user(), credentials.password(), hash)) {
      return true;
    }
    // Hash even for a wrong user name, so timing does not reveal which part was wrong.
    boolean passwordMatches = PasswordHash.verify(credentials.password(), hash);
    if (userMatches && passwordMatches) {
      credentialCache.remember(credentials.user(), credentials.password(), hash);
      return true;
    }
    return false;
  }

  /** Changes whenever the user name or password hash does, so such a change ends old sessions. */
  private static String credentialsFingerprint(Settings current) {
    String hash = current.passwordHash() == null ? "" : current.passwordHash();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((current.adminUser() + '\n' + hash).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
    }
  }

  /**
   * Sessions are for browsers; curl and scripts authenticate on each request and would only
   * leave thousands of idle sessions behind.
   */
  private static boolean looksLikeBrowser(HttpServletRequest request) {
    String agent = request.getHeader("User-Agent");
    return request.getHeader("Cookie") != null
        || request.getHeader("Sec-Fetch-Mode") != null
        || request.getHeader("Origin") != null
        || request.getHeader("Referer") != null
        || (agent != null && agent.startsWith("Mozilla/"));
  }

  private static void invalidate(HttpSession session) {
    try {
      session.invalidate();
    } catch (IllegalStateException alreadyInvalid) {
      // nothing left to end
    }
  }

  private static String cookie(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if (name.equals(cookie.getName())) {
          return cookie.getValue();
        }
      }
    }
    return null;
  }

  private static void setLoginCookie(HttpServletRequest request, HttpServletResponse response,
      String value) {
    Cookie cookie = new Cookie(LOGIN_COOKIE, value);
    cookie.setPath(consoleRoot(request));
    cookie.setHttpOnly(true);
    cookie.setSecure(request.isSecure());
    cookie.setAttribute("SameSite", "Strict");
    response.addCookie(cookie); // no max-age: gone when the browser closes, like Basic's cache
  }

  /** {@code /system/console}: the console hands us its own context and servlet paths. */
  private static String consoleRoot(HttpServletRequest request) {
    String root = nullToEmpty(request.getContextPath()) + nullToEmpty(request.getServletPath());
    return root.isEmpty() ? "/" : root;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static void challenge(HttpServletResponse response, Settings current, String message) {
    String realm = current.realm().replace("\\", "\\\\").replace("\"", "\\\"");
    response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
    sendPlain(response, HttpServletResponse.SC_UNAUTHORIZED, message);
  }

  private static void sendPlain(HttpServletResponse response, int status, String message) {
    try {
      response.setStatus(status);
      response.setContentType("text/plain;charset=UTF-8");
      response.setHeader("Cache-Control", "no-store");
      byte[] body = message.getBytes(StandardCharsets.UTF_8);
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
      response.flushBuffer();
    } catch (IOException | IllegalStateException e) {
      LOG.debug("Could not send the {} reply: {}", status, e.toString());
    }
  }

  private static void redirect(HttpServletResponse response, String location) {
    try {
      response.sendRedirect(location);
    } catch (IOException | IllegalStateException e) {
      LOG.debug("Could not redirect to {}: {}", location, e.toString());
    }
  }
}
