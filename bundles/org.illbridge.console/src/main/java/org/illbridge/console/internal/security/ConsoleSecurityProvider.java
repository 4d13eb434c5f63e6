package org.illbridge.console.internal.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.illbridge.console.PasswordHash;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Felix Web Console's only way in. The launcher sets
 * {@code felix.webconsole.security.providers=illbridge}, so the console does not open at all until
 * this provider is registered, and the console's built-in admin/admin is never accepted.
 *
 * <p>Configuration: PID {@value #PID} ({@link SecurityConfig}). With no password hash configured,
 * a password is generated at activation (see {@link InitialPassword}).
 */
@Component(
    service = SecurityProvider.class,
    immediate = true, // make (and show) a first password at start, not at the first console hit
    configurationPid = ConsoleSecurityProvider.PID,
    property = {
      SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurityProvider.PROVIDER_ID,
      // Above the console's own fallback provider (Integer.MIN_VALUE) and plain default providers.
      Constants.SERVICE_RANKING + ":Integer=1000"
    })
@Designate(ocd = SecurityConfig.class)
public class ConsoleSecurityProvider implements SecurityProvider {

  public static final String PID = PasswordHash.CONFIG_PID;
  public static final String PROVIDER_ID = "illbridge";
  /** Framework property naming the distribution root (with conf/ and data/ below it). */
  public static final String HOME_PROPERTY = "illbridge.home";

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurityProvider.class);

  /**
   * The process's real standard output, for the one-time password banner. Not System.out: the
   * launcher copies System.out into logs/, and the password must not reach any file. Never
   * closed (that would close file descriptor 1).
   */
  private static final PrintStream TERMINAL =
      new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

  private final BundleContext context;
  private final ConsoleAuthenticator authenticator;
  /** The hash made or read at activation, used while ConfigAdmin has none yet. */
  private volatile String fallbackHash;

  @Activate
  public ConsoleSecurityProvider(BundleContext context, SecurityConfig config) {
    this.context = context;
    Settings settings = settings(config);
    this.authenticator = new ConsoleAuthenticator(settings, Clock.systemUTC());
    LOG.info("Console security active: user '{}', session timeout {} min, lockout after {} failed"
        + " logins in {} min", settings.adminUser(), settings.sessionTimeout().toMinutes(),
        settings.maxFailures(), settings.failureWindow().toMinutes());
  }

  @Modified
  void modified(SecurityConfig config) {
    authenticator.update(settings(config));
    LOG.info("Console security settings updated");
  }

  private Settings settings(SecurityConfig config) {
    Settings settings = Settings.from(config, null);
    String hash = config.admin_password_hash() == null ? "" : config.admin_password_hash().trim();
    if (hash.isEmpty()) {
      hash = fallbackHash != null ? fallbackHash : initialHash(settings.adminUser());
    }
    fallbackHash = hash;
    if (!PasswordHash.isWellFormed(hash)) {
      LOG.error("The console password hash in configuration {} (conf/{}) is not a valid hash, so"
          + " every console login is refused. Expected pbkdf2-sha256$<iterations>$<salt>$<hash>;"
          + " make one with {}.", PID, InitialPassword.CFG_FILE, InitialPassword.PASSWD_COMMAND);
      hash = null;
    }
    return settings.withPasswordHash(hash);
  }

  private String initialHash(String adminUser) {
    String home = context.getProperty(HOME_PROPERTY);
    Path homeDir = home == null || home.isBlank() ? null : Path.of(home);
    InitialPassword initial = new InitialPassword(
        homeDir == null ? null : homeDir.resolve("conf"),
        homeDir == null ? null : homeDir.resolve("data"),
        TERMINAL);
    String fromFile = initial.hashFromFile();
    if (fromFile != null) {
      LOG.info("Console password hash read from {}", initial.cfgFile());
      return fromFile;
    }
    return initial.generate(adminUser, consoleUrl());
  }

  /** Best guess from the framework properties the launcher sets for Felix HTTP and the console. */
  private String consoleUrl() {
    String host = context.getProperty("org.apache.felix.http.host");
    if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    String port = context.getProperty("org.osgi.service.http.port");
    if (port == null || port.isBlank()) {
      port = "8080";
    }
    String root = context.getProperty("felix.webconsole.manager.root");
    if (root == null || root.isBlank()) {
      root = "/system/console";
    }
    return "http://" + host + ":" + port.trim() + root;
  }

  @Override
  public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
    return authenticator.authenticate(request, response);
  }

  /** One administrator with every right: roles are not split (yet). */
  @Override
  public boolean authorize(Object user, String role) {
    return user != null;
  }

  @Override
  public void logout(HttpServletRequest request, HttpServletResponse response) {
    authenticator.logout(request, response);
  }
}
