package org.illbridge.console.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  /** A SecurityConfig as DS would build it: given values, defaults for the rest. */
  static SecurityConfig config(Map<String, Object> values) {
    return (SecurityConfig) Proxy.newProxyInstance(SettingsTest.class.getClassLoader(),
        new Class<?>[] {SecurityConfig.class}, (proxy, method, args) ->
            values.containsKey(method.getName()) ? values.get(method.getName())
                : method.getDefaultValue());
  }

  @Test
  void defaultsMatchTheDocumentation() {
    Settings settings = Settings.from(config(Map.of()), null);
    assertEquals("admin", settings.adminUser());
    assertNull(settings.passwordHash());
    assertEquals(Duration.ofMinutes(30), settings.sessionTimeout());
    assertEquals("ILL Bridge console", settings.realm());
    assertEquals(10, settings.maxFailures());
    assertEquals(Duration.ofMinutes(5), settings.failureWindow());
  }

  @Test
  void badValuesFallBackToDefaultsInsteadOfLockingTheAdminOut() {
    Settings settings = Settings.from(config(Map.of(
        "admin_user", "  ",
        "session_timeout_minutes", 0,
        "login_max_failures", -3,
        "login_failure_window_minutes", 0,
        "realm", "")), "h");
    assertEquals("admin", settings.adminUser());
    assertEquals(Duration.ofMinutes(30), settings.sessionTimeout());
    assertEquals(10, settings.maxFailures());
    assertEquals(Duration.ofMinutes(5), settings.failureWindow());
    assertEquals("ILL Bridge console", settings.realm());
  }

  @Test
  void givenValuesAreUsed() {
    Settings settings = Settings.from(config(Map.of(
        "admin_user", " librarian ",
        "session_timeout_minutes", 5,
        "realm", "Library")), null).withPasswordHash("h");
    assertEquals("librarian", settings.adminUser());
    assertEquals(Duration.ofMinutes(5), settings.sessionTimeout());
    assertEquals("Library", settings.realm());
    assertEquals("h", settings.passwordHash());
  }
}
