package org.illbridge.console.internal.security;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

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

  /**
   * Reads the configuration. Out-of-range numbers and an empty user name are replaced by their
   * defaults with a warning: a typo in a setting must not lock the administrator out.
   */
  static Settings from(SecurityConfig config, String passwordHash) {
    String user = config.admin_user() == null ? "" : config.admin_user().trim();
    if (user.isEmpty()) {
      LOG.warn("Console setting admin.user is empty; using 'admin'");
      user = "admin";
    }
    return new Settings(
        user,
        passwordHash,
        Duration.ofMinutes(
            atLeastOne("session.timeout.minutes", config.session_timeout_minutes(), 30)),
        config.realm(),
        atLeastOne("login.max.failures", config.login_max_failures(), 10),
        Duration.ofMinutes(
            atLeastOne("login.failure.window.minutes", config.login_failure_window_minutes(), 5)));
  }

  Settings withPasswordHash(String hash) {
    return new Settings(adminUser, hash, sessionTimeout, realm, maxFailures, failureWindow);
  }

  private static int atLeastOne(String property, int value, int fallback) {
    if (value >= 1) {
      return value;
    }
    LOG.warn("Console setting {}={} is not allowed (at least 1); using {}", property, value,
        fallback);
    return fallback;
  }
}
