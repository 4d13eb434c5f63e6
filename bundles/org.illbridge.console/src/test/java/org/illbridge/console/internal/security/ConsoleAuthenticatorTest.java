package org.illbridge.console.internal.security;

import static org.illbridge.console.internal.security.Fakes.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.illbridge.console.PasswordHash;
import org.illbridge.console.internal.security.Fakes.Browser;
import org.illbridge.console.internal.security.Fakes.FakeRequest;
import org.illbridge.console.internal.security.Fakes.FakeResponse;
import org.illbridge.console.internal.security.Fakes.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsoleAuthenticatorTest {

  static final String PASSWORD = "Xk7pQ2mZr9TwV4nB8cHd";
  static String hash;

  final TestClock clock = new TestClock();
  ConsoleAuthenticator authenticator;

  @BeforeAll
  static void hashOnce() {
    hash = PasswordHash.hash(PASSWORD.toCharArray());
  }

  static Settings settings(String passwordHash) {
    return new Settings("admin", passwordHash, Duration.ofMinutes(30), "ILL Bridge console", 10,
        Duration.ofMinutes(5));
  }

  @BeforeEach
  void setUp() {
    authenticator = new ConsoleAuthenticator(settings(hash), clock);
  }

  /** Sends a request as a browser would and lets the browser keep the cookies it was given. */
  private FakeResponse send(Browser browser, FakeRequest request, String[] user) {
    FakeResponse response = new FakeResponse();
    user[0] = authenticator.authenticate(request, response);
    browser.receive(response);
    return response;
  }

  private static FakeRequest curl(String method, String uri) {
    return new FakeRequest(method, uri).header("User-Agent", "curl/7.88.1");
  }

  @Test
  void noCredentialsGetsA401Challenge() {
    FakeResponse response = new FakeResponse();
    assertNull(authenticator.authenticate(curl("GET", "/system/console/bundles"), response));
    assertEquals(401, response.status);
    assertEquals("Basic realm=\"ILL Bridge console\", charset=\"UTF-8\"",
        response.getHeader("WWW-Authenticate"));
    assertTrue(response.committed);
  }

  @Test
  void builtInAdminAdminIsRefused() {
    FakeResponse response = new FakeResponse();
    FakeRequest request = curl("GET", "/system/console/bundles")
        .header("Authorization", basic("admin", "admin"));
    assertNull(authenticator.authenticate(request, response));
    assertEquals(401, response.status);
    assertTrue(response.body().contains("Wrong user name or password"));
  }

  @Test
  void wrongUserWithTheRightPasswordIsRefused() {
    FakeResponse response = new FakeResponse();
    FakeRequest request = curl("GET", "/system/console/bundles")
        .header("Authorization", basic("root", PASSWORD));
    assertNull(authenticator.authenticate(request, response));
    assertEquals(401, response.status);
  }

  @Test
  void scriptWithTheRightPasswordGetsInWithoutASession() {
    FakeRequest request = curl("GET", "/system/console/bundles.json")
        .header("Authorization", basic("admin", PASSWORD));
    FakeResponse response = new FakeResponse();
    assertEquals("admin", authenticator.authenticate(request, response));
    assertEquals(200, response.status);
    assertNull(request.getSession(false), "no session for a script");
    assertTrue(response.cookies.isEmpty());
    assertEquals("admin",
        request.getAttribute(org.osgi.service.servlet.context.ServletContextHelper.REMOTE_USER));
  }

  @Test
  void malformedAuthorizationHeaderIsChallengedNotCrashed() {
    for (String header : new String[] {"Basic", "Basic !!!", "Bearer abc", "Basic "
        + java.util.Base64.getEncoder().encodeToString("no-colon".getBytes())}) {
      FakeResponse response = new FakeResponse();
      assertNull(authenticator.authenticate(curl("GET", "/system/console").header("Authorization",
          header), response), header);
      assertEquals(401, response.status, header);
    }
  }

  @Test
  void browserLogsInOnceThenUsesItsSession() {
    Browser browser = new Browser();
    String[] user = new String[1];
    FakeResponse first = send(browser, browser.request("GET", "/system/console/bundles"), user);
    assertNull(user[0]);
    assertEquals(401, first.status);

    send(browser, browser.request("GET", "/system/console/bundles")
        .header("Authorization", basic("admin", PASSWORD)), user);
    assertEquals("admin", user[0]);
    assertNotNull(browser.session, "a browser gets a session");
    assertEquals(ConsoleAuthenticator.ACTIVE, browser.cookies.get(ConsoleAuthenticator.LOGIN_COOKIE));
    assertNotNull(browser.session.getAttribute(ConsoleAuthenticator.SESSION_CSRF_TOKEN));
    assertTrue(browser.session.getMaxInactiveInterval() >= 30 * 60);

    // No credentials any more: the session is enough.
    FakeResponse third = send(browser, browser.request("GET", "/system/console/components"), user);
    assertEquals("admin", user[0]);
    assertEquals(200, third.status);
  }

  @Test
  void idleSessionExpiresAndTheBrowsersCachedPasswordIsNotEnough() {
    Browser browser = new Browser();
    String[] user = new String[1];
    send(browser, browser.request("GET", "/system/console")
        .header("Authorization", basic("admin", PASSWORD)), user);
    assertEquals("admin", user[0]);

    clock.advance(Duration.ofMinutes(29));
    send(browser, browser.request("GET", "/system/console"), user);
    assertEquals("admin", user[0], "still active after 29 idle minutes");

    clock.advance(Duration.ofMinutes(31));
    FakeResponse expired = send(browser, browser.request("GET", "/system/console")
        .header("Authorization", basic("admin", PASSWORD)), user);
    assertNull(user[0], "cached credentials after expiry must not log in silently");
    assertEquals(401, expired.status);
    assertTrue(expired.body().contains("session has ended"), expired.body());
    assertEquals(ConsoleAuthenticator.REAUTH, browser.cookies.get(ConsoleAuthenticator.LOGIN_COOKIE));

    // The person types the password at the prompt: in again, with a fresh session.
    send(browser, browser.request("GET", "/system/console")
        .header("Authorization", basic("admin", PASSWORD)), user);
    assertEquals("admin", user[0]);
    assertEquals(ConsoleAuthenticator.ACTIVE, browser.cookies.get(ConsoleAuthenticator.LOGIN_COOKIE));
  }

  @Test
  void logoutEndsTheSessionAndAsksForThePasswordAgain() {
    Browser browser = new Browser();
    String[] user = new String[1];
    send(browser, browser.request("GET", "/system/console")
        .header("Authorization", basic("admin", PASSWORD)), user);
    var session = browser.session;

    FakeResponse logout = new FakeResponse();
    authenticator.logout(browser.request("GET", "/system/console/logout"), logout);
    browser.receive(logout);
    assertTrue(session.invalidated);
    assertEquals(401, logout.status);
    assertNotNull(logout.getHeader("WWW-Authenticate"));
    assertTrue(logout.committed, "committed, so the console's own logout handling stays out");

    // The browser repeats /logout with the newly typed password: logged in, sent to the console.
    FakeRequest again = browser.request("GET", "/system/console/logout")
        .header("Authorization", basic("admin", PASSWORD));
    FakeResponse auth = send(browser, again, user);
    assertEquals("admin", user[0]);
    FakeResponse second = new FakeResponse();
    authenticator.logout(again, second);
    assertEquals(302, second.status);
    assertEquals("/system/console", second.redirect);
    assertFalse(browser.session.invalidated, "the fresh session survives");
    assertEquals(200, auth.status);
  }

  @Test
  void changingThePasswordEndsExistingSessions() {
    Browser browser = new Browser();
    String[] user = new String[1];
    send(browser, browser.request("GET", "/system/console")
        .header("Authorization", basic("admin", PASSWORD)), user);
    assertEquals("admin", user[0]);

    authenticator.update(settings(PasswordHash.hash("new-password".toCharArray())));
    FakeResponse response = send(browser, browser.request("GET", "/system/console"), user);
    assertNull(user[0]);
    assertEquals(401, response.status);
  }

  @Test
  void repeatedFailuresLockTheAddressOutEvenForTheRightPassword() {
    for (int i = 0; i < 10; i++) {
      FakeResponse response = new FakeResponse();
      assertNull(authenticator.authenticate(curl("GET", "/system/console")
          .header("Authorization", basic("admin", "guess" + i)), response));
      assertEquals(401, response.status);
    }
    FakeResponse locked = new FakeResponse();
    assertNull(authenticator.authenticate(curl("GET", "/system/console")
        .header("Authorization", basic("admin", PASSWORD)), locked));
    assertEquals(429, locked.status);
    assertNotNull(locked.getHeader("Retry-After"));
    assertTrue(locked.body().contains("Too many failed logins"), locked.body());

    // Another address is not affected.
    assertEquals("admin", authenticator.authenticate(curl("GET", "/system/console").from("192.0.2.99")
        .header("Authorization", basic("admin", PASSWORD)), new FakeResponse()));

    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertEquals("admin", authenticator.authenticate(curl("GET", "/system/console")
        .header("Authorization", basic("admin", PASSWORD)), new FakeResponse()));
  }

  @Test
  void failuresOutsideTheWindowDoNotAddUp() {
    for (int i = 0; i < 9; i++) {
      authenticator.authenticate(curl("GET", "/system/console")
          .header("Authorization", basic("admin", "guess")), new FakeResponse());
    }
    clock.advance(Duration.ofMinutes(6));
    for (int i = 0; i < 9; i++) {
      authenticator.authenticate(curl("GET", "/system/console")
          .header("Authorization", basic("admin", "guess")), new FakeResponse());
    }
    assertEquals("admin", authenticator.authenticate(curl("GET", "/system/console")
        .header("Authorization", basic("admin", PASSWORD)), new FakeResponse()));
  }

  @Test
  void withoutAValidHashEveryLoginIsRefused() {
    authenticator.update(settings(null));
    FakeResponse response = new FakeResponse();
    assertNull(authenticator.authenticate(curl("GET", "/system/console")
        .header("Authorization", basic("admin", "admin")), response));
    assertEquals(401, response.status);
    assertNull(authenticator.authenticate(curl("GET", "/system/console")
        .header("Authorization", basic("admin", "")), new FakeResponse()));
  }

  @Test
  void repeatedScriptLoginsStillCheckThePassword() {
    // The verified-credentials cache must not let a wrong password in after a right one.
    assertEquals("admin", authenticator.authenticate(curl("GET", "/system/console")
        .header("Authorization", basic("admin", PASSWORD)), new FakeResponse()));
    assertEquals("admin", authenticator.authenticate(curl("GET", "/system/console")
        .header("Authorization", basic("admin", PASSWORD)), new FakeResponse()));
    assertNull(authenticator.authenticate(curl("GET", "/system/console")
        .header("Authorization", basic("admin", PASSWORD + "x")), new FakeResponse()));
    authenticator.update(settings(PasswordHash.hash("other".toCharArray())));
    assertNull(authenticator.authenticate(curl("GET", "/system/console")
        .header("Authorization", basic("admin", PASSWORD)), new FakeResponse()));
  }
}
