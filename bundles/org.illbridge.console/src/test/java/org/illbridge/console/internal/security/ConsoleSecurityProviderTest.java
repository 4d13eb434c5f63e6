package org.illbridge.console.internal.security;

import static org.illbridge.console.internal.security.Fakes.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.illbridge.console.PasswordHash;
import org.illbridge.console.internal.security.Fakes.FakeRequest;
import org.illbridge.console.internal.security.Fakes.FakeResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

class ConsoleSecurityProviderTest {

  @TempDir Path home;

  private BundleContext context(Map<String, String> properties) {
    return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("getProperty")) {
            return properties.get((String) args[0]);
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  private String hashInFile() throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(
        Files.readString(home.resolve("conf/org.illbridge.console.security.cfg"))));
    return properties.getProperty("admin.password.hash");
  }

  private static int status(ConsoleSecurityProvider provider, String user, String password) {
    FakeResponse response = new FakeResponse();
    provider.authenticate(new FakeRequest("GET", "/system/console/bundles.json")
        .header("Authorization", basic(user, password)), response);
    return response.status;
  }

  @Test
  void firstStartGeneratesAndLaterStartsReuseTheStoredHash() throws IOException {
    BundleContext context = context(Map.of("illbridge.home", home.toString()));
    ConsoleSecurityProvider first = new ConsoleSecurityProvider(context, SettingsTest.config(Map.of()));
    String generated = hashInFile();
    assertTrue(PasswordHash.isWellFormed(generated), generated);
    assertEquals(401, status(first, "admin", "admin"));

    // Next start, before FileInstall has handed the file to ConfigAdmin: no second password.
    new ConsoleSecurityProvider(context, SettingsTest.config(Map.of()));
    assertEquals(generated, hashInFile());
  }

  @Test
  void configuredHashIsUsedAndNothingIsGenerated() {
    String hash = PasswordHash.hash("librarian-password".toCharArray());
    ConsoleSecurityProvider provider = new ConsoleSecurityProvider(
        context(Map.of("illbridge.home", home.toString())),
        SettingsTest.config(Map.of("admin_user", "librarian", "admin_password_hash", hash)));
    assertEquals(200, status(provider, "librarian", "librarian-password"));
    assertEquals(401, status(provider, "admin", "librarian-password"));
    assertTrue(Files.notExists(home.resolve("conf")), "no file written when a hash is configured");
  }

  @Test
  void passwordChangeArrivesThroughModified() {
    ConsoleSecurityProvider provider = new ConsoleSecurityProvider(
        context(Map.of("illbridge.home", home.toString())),
        SettingsTest.config(Map.of("admin_password_hash",
            PasswordHash.hash("old-password-1".toCharArray()))));
    assertEquals(200, status(provider, "admin", "old-password-1"));

    provider.modified(SettingsTest.config(Map.of("admin_password_hash",
        PasswordHash.hash("new-password-2".toCharArray()))));
    assertEquals(401, status(provider, "admin", "old-password-1"));
    assertEquals(200, status(provider, "admin", "new-password-2"));
  }

  @Test
  void malformedHashRefusesEveryLoginAndNeverFallsBackToADefault() {
    ConsoleSecurityProvider provider = new ConsoleSecurityProvider(
        context(Map.of("illbridge.home", home.toString())),
        SettingsTest.config(Map.of("admin_password_hash", "my-plain-password")));
    assertEquals(401, status(provider, "admin", "my-plain-password"));
    assertEquals(401, status(provider, "admin", "admin"));
    assertTrue(Files.notExists(home.resolve("conf")));
  }

  @Test
  void authorizesOnlyAnAuthenticatedUser() {
    ConsoleSecurityProvider provider = new ConsoleSecurityProvider(context(Map.of()),
        SettingsTest.config(Map.of("admin_password_hash", PasswordHash.hash("x".toCharArray()))));
    assertTrue(provider.authorize("admin", "any.role"));
    assertFalse(provider.authorize(null, "any.role"));
    assertNull(provider.authenticate(new FakeRequest("GET", "/system/console"), new FakeResponse()));
  }
}
