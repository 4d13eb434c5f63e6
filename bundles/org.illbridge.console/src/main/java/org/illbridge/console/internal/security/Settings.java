package org.illbridge.console.internal.security;

import java.time.Duration;

/**
 * The effective login settings, checked once when configuration arrives.
 *
 * @param passwordHash the stored hash, or {@code null} when none is usable (every login is then
 *     refused: the console fails closed rather than falling back to anything)
 */
record Settings(
    String adminUser,
    String passwordHash,
    Duration sessionTimeout,
    String realm,
    int maxFailures,
    Duration failureWindow) {

  static final String DEFAULT_REALM = "ILL Bridge console";

  Settings {
    if (adminUser == null || adminUser.isBlank()) {
      throw new IllegalArgumentException("admin.user must not be empty");
    }
    if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
      throw new IllegalArgumentException("session.timeout.minutes must be at least 1");
    }
    if (maxFailures < 1 || failureWindow.isNegative() || failureWindow.isZero()) {
      throw new IllegalArgumentException(
          "login.max.failures and login.failure.window.minutes must be at least 1");
    }
    realm = realm == null || realm.isBlank() ? DEFAULT_REALM : realm;
  }

  static Settings from(SecurityConfig config, String passwordHash) {
    return new Settings(
        config.admin_user().trim(),
        passwordHash,
        Duration.ofMinutes(config.session_timeout_minutes()),
        config.realm(),
        config.login_max_failures(),
        Duration.ofMinutes(config.login_failure_window_minutes()));
  }
}
