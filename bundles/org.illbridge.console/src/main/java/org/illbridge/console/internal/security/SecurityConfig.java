package org.illbridge.console.internal.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Console login settings, PID {@value ConsoleSecurityProvider#PID}; set them in
 * {@code conf/org.illbridge.console.security.cfg} or on the console's Configuration page.
 */
@ObjectClassDefinition(
    id = ConsoleSecurityProvider.PID,
    name = "ILL Bridge console security",
    description = "Administrator login for the web console. There is no default password: on first"
        + " start a random one is generated, printed once on the terminal, and only its hash is stored.")
public @interface SecurityConfig {

  @AttributeDefinition(name = "Administrator user name")
  String admin_user() default "admin";

  @AttributeDefinition(
      name = "Password hash",
      type = AttributeType.PASSWORD,
      description = "pbkdf2-sha256$<iterations>$<salt>$<hash>, as written by bin/illbridge passwd."
          + " Never the password itself. Empty: generate a password on the next start.")
  String admin_password_hash() default "";

  @AttributeDefinition(
      name = "Session timeout (minutes)",
      min = "1",
      description = "An idle browser session ends after this many minutes; the browser then asks"
          + " for the user name and password again.")
  int session_timeout_minutes() default 30;

  @AttributeDefinition(name = "Realm", description = "Shown by the browser's login dialog.")
  String realm() default "ILL Bridge console";

  @AttributeDefinition(
      name = "Failed logins before lockout",
      min = "1",
      description = "After this many failed logins from one address within the window below,"
          + " that address is refused for the length of the window.")
  int login_max_failures() default 10;

  @AttributeDefinition(name = "Failed-login window (minutes)", min = "1")
  int login_failure_window_minutes() default 5;
}
