package org.illbridge.console.internal.security;

import static org.illbridge.console.internal.security.Fakes.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The accept/refuse matrix of the CSRF rules, through the authenticator as the console uses it. */
class CsrfTest {

  static final String PASSWORD = "Qw3rtyUiopAsdfGhjkLz";
  static String hash;

  ConsoleAuthenticator authenticator;
  Browser browser;
  String token;

  @BeforeAll
  static void hashOnce() {
    hash = PasswordHash.hash(PASSWORD.toCharArray());
  }

  @BeforeEach
  void logIn() {
    authenticator = new ConsoleAuthenticator(new Settings("admin", hash, Duration.ofMinutes(30),
        null, 10, Duration.ofMinutes(5)), new TestClock());
    browser = new Browser();
    FakeResponse response = new FakeResponse();
    authenticator.authenticate(browser.request("GET", "/system/console/bundles")
        .header("Authorization", basic("admin", PASSWORD)), response);
    browser.receive(response);
    token = (String) browser.session.getAttribute(ConsoleAuthenticator.SESSION_CSRF_TOKEN);
  }

  private FakeResponse send(FakeRequest request) {
    FakeResponse response = new FakeResponse();
    String user = authenticator.authenticate(request, response);
    if (user == null) {
      assertTrue(response.status == 401 || response.status == 403, "status " + response.status);
    } else {
      assertEquals(200, response.status);
    }
    return response;
  }

  private static FakeRequest curl(String method) {
    return new FakeRequest(method, "/system/console/bundles")
        .header("User-Agent", "curl/7.88.1")
        .header("Authorization", basic("admin", PASSWORD));
  }

  // --- allowed ------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "get"})
  void safeMethodsNeedNoToken(String method) {
    assertEquals(200, send(browser.request(method, "/system/console/bundles")).status);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
  void scriptWithBasicAndNoBrowserHeadersNeedsNoToken(String method) {
    // curl -u admin:PW -F action=install -F bundlefile=@x.jar .../system/console/bundles
    assertEquals(200, send(curl(method)).status);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "post"})
  void browserWithTheTokenInTheHeaderIsAllowed(String method) {
    assertEquals(200, send(browser.request(method, "/system/console/bundles/12")
        .header("Origin", "http://127.0.0.1:8080")
        .header(CsrfGuard.HEADER, token)).status);
  }

  @org.junit.jupiter.api.Test
  void browserFormWithTheTokenFieldIsAllowed() {
    assertEquals(200, send(browser.request("POST", "/system/console/bundles")
        .header("Origin", "http://127.0.0.1:8080")
        .header("Referer", "http://127.0.0.1:8080/system/console/bundles")
        .parameter(CsrfGuard.FIELD, token)
        .parameter("action", "install")).status);
  }

  @org.junit.jupiter.api.Test
  void scriptMaySendTheTokenOfItsOwnSessionToo() {
    FakeRequest request = browser.request("POST", "/system/console/bundles")
        .header("Authorization", basic("admin", PASSWORD))
        .header(CsrfGuard.HEADER, token);
    assertEquals(200, send(request).status);
  }

  // --- refused ------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
  void browserWithoutTokenIsRefused(String method) {
    FakeResponse response = send(browser.request(method, "/system/console/bundles/12")
        .header("Origin", "http://127.0.0.1:8080"));
    assertEquals(403, response.status);
    assertTrue(response.body().contains("CSRF"), response.body());
    assertTrue(response.body().contains("no CSRF token"), response.body());
  }

  @org.junit.jupiter.api.Test
  void wrongTokenIsRefused() {
    FakeResponse response = send(browser.request("POST", "/system/console/bundles/12")
        .header(CsrfGuard.HEADER, CsrfGuard.newToken()));
    assertEquals(403, response.status);
    assertTrue(response.body().contains("does not match"), response.body());
    assertEquals(403, send(browser.request("POST", "/system/console/bundles/12")
        .parameter(CsrfGuard.FIELD, token.substring(1))).status);
  }

  @org.junit.jupiter.api.Test
  void crossSitePostWithTheBrowsersCachedBasicCredentialsIsRefused() {
    // A page on another site posts a form: the browser adds its cached Basic credentials and
    // an Origin header; there is no token.
    FakeRequest forged = new FakeRequest("POST", "/system/console/bundles/12")
        .header("User-Agent", "Mozilla/5.0")
        .header("Authorization", basic("admin", PASSWORD))
        .header("Origin", "https://evil.example")
        .parameter("action", "uninstall");
    assertEquals(403, send(forged).status);

    FakeRequest nullOrigin = new FakeRequest("POST", "/system/console/bundles/12")
        .header("Authorization", basic("admin", PASSWORD))
        .header("Origin", "null");
    assertEquals(403, send(nullOrigin).status);

    FakeRequest onlyReferer = new FakeRequest("POST", "/system/console/bundles/12")
        .header("Authorization", basic("admin", PASSWORD))
        .header("Referer", "https://evil.example/page");
    assertEquals(403, send(onlyReferer).status);
  }

  @org.junit.jupiter.api.Test
  void basicWithCookiesButNoTokenIsRefused() {
    FakeRequest request = new FakeRequest("POST", "/system/console/bundles/12")
        .header("User-Agent", "curl/7.88.1")
        .header("Authorization", basic("admin", PASSWORD))
        .header("Cookie", "JSESSIONID=unknown");
    FakeResponse response = send(request);
    assertEquals(403, response.status);
    // Cookies mean a browser may be involved: the session opened by this very login cannot have
    // handed out its token yet.
    assertTrue(response.body().contains("no CSRF token"), response.body());
  }

  @org.junit.jupiter.api.Test
  void aTokenFromAnotherSessionIsRefused() {
    Browser other = new Browser();
    FakeResponse response = new FakeResponse();
    authenticator.authenticate(other.request("GET", "/system/console")
        .header("Authorization", basic("admin", PASSWORD)), response);
    other.receive(response);
    String otherToken = (String) other.session.getAttribute(ConsoleAuthenticator.SESSION_CSRF_TOKEN);

    assertEquals(403, send(browser.request("POST", "/system/console/bundles/12")
        .header(CsrfGuard.HEADER, otherToken)).status);
  }

  @org.junit.jupiter.api.Test
  void unauthenticatedPostGetsA401NotA403() {
    FakeResponse response = new FakeResponse();
    assertNull(authenticator.authenticate(new FakeRequest("POST", "/system/console/bundles"),
        response));
    assertEquals(401, response.status);
  }
}
