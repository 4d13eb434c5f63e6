package org.illbridge.console.internal.security;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.illbridge.console.PasswordHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start without a password: makes a random one, stores only its hash in
 * {@code conf/org.illbridge.console.security.cfg} (which FileInstall hands to ConfigAdmin), and
 * shows the password once on the terminal. The password itself is written nowhere on disk.
 */
final class InitialPassword {

  private static final Logger LOG = LoggerFactory.getLogger(InitialPassword.class);

  static final String CFG_FILE = PasswordHash.CONFIG_FILE;
  static final String HASH_PROPERTY = PasswordHash.CONFIG_PROPERTY;
  private static final int REREADS = 20;
  private static final long REREAD_PAUSE_MILLIS = 100;
  static final String PASSWD_COMMAND = "bin/illbridge passwd";

  /** No 0/O, 1/l/I: the password is read off a terminal and typed by hand. */
  private static final char[] ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
  /** 20 characters of a 57-letter alphabet: about 116 bits. */
  static final int LENGTH = 20;

  private static final Pattern HASH_LINE =
      Pattern.compile("^\\s*" + Pattern.quote(HASH_PROPERTY) + "\\s*[=:].*$");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path confDir;
  private final Path scratchDir;
  private final PrintStream terminal;

  /**
   * @param confDir {@code ${illbridge.home}/conf}, or {@code null} when the home is unknown (then
   *     the hash lives in memory only and a new password is made on every start)
   * @param scratchDir where the new file is written before it is moved into {@code conf/}, so
   *     FileInstall, which watches {@code conf/}, never sees a half-written or temporary file
   * @param terminal where the one-time login banner goes
   */
  InitialPassword(Path confDir, Path scratchDir, PrintStream terminal) {
    this.confDir = confDir;
    this.scratchDir = scratchDir;
    this.terminal = terminal;
  }

  Path cfgFile() {
    return confDir == null ? null : confDir.resolve(CFG_FILE);
  }

  /**
   * The hash already in the cfg file, if any. At start-up this component can activate before
   * FileInstall has passed the file to ConfigAdmin; reading it directly avoids making a second
   * password in that window.
   */
  String hashFromFile() {
    Path file = cfgFile();
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    // FileInstall writes configurations back to their file in place (truncate, then write) when
    // it hands them to ConfigAdmin, so at start-up a reader can catch the file empty or half
    // written. A file without a hash is read again for a moment before a password is generated:
    // otherwise the password set with 'illbridge passwd' could be replaced by a generated one.
    for (int attempt = 1; ; attempt++) {
      String hash = readHash(file);
      if (hash != null || attempt == REREADS) {
        return hash;
      }
      try {
        Thread.sleep(REREAD_PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  private static String readHash(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException gone) {
      return null;
    } catch (IOException | IllegalArgumentException e) {
      LOG.error("Cannot read {}: {}", file, e.toString());
      return null;
    }
    String hash = properties.getProperty(HASH_PROPERTY);
    return hash == null || hash.isBlank() ? null : hash.trim();
  }

  /**
   * Makes a password, saves its hash and shows the password once.
   *
   * @return the hash to log in with from now on
   */
  String generate(String adminUser, String consoleUrl) {
    char[] password = randomPassword();
    try {
      String hash = PasswordHash.hash(password);
      Path saved = save(hash);
      // The single write to standard output in the bundles, on purpose: the administrator must
      // see the password on the terminal that started the server, and no log file may hold it.
      terminal.println(banner(consoleUrl, adminUser, password, saved));
      terminal.flush();
      if (saved != null) {
        LOG.warn("No console password was configured: generated one for user '{}' and printed it"
            + " on the terminal (it is not logged). Its hash is in {}. Change it with {}.",
            adminUser, saved, PASSWD_COMMAND);
      } else {
        LOG.warn("No console password was configured: generated one for user '{}' and printed it"
            + " on the terminal (it is not logged). It could not be saved, so it lasts until the"
            + " next restart.", adminUser);
      }
      return hash;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  static char[] randomPassword() {
    char[] password = new char[LENGTH];
    for (int i = 0; i < password.length; i++) {
      password[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return password;
  }

  private Path save(String hash) {
    Path file = cfgFile();
    if (file == null) {
      LOG.error("The framework property illbridge.home is not set, so the console password hash"
          + " cannot be saved in conf/{}", CFG_FILE);
      return null;
    }
    try {
      Files.createDirectories(confDir);
      List<String> lines = new ArrayList<>();
      if (Files.isRegularFile(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!HASH_LINE.matcher(line).matches()) {
            lines.add(line);
          }
        }
      } else {
        lines.add("# ILL Bridge console login (configuration PID " + ConsoleSecurityProvider.PID
            + ").");
        lines.add("# " + HASH_PROPERTY + " was generated on first start; set your own password with "
            + PASSWD_COMMAND + ".");
        lines.add("# Other settings: admin.user (default admin), session.timeout.minutes"
            + " (default 30), realm,");
        lines.add("# login.max.failures (default 10), login.failure.window.minutes (default 5).");
      }
      lines.add(HASH_PROPERTY + "=" + hash);
      writeAtomically(file, lines);
      return file;
    } catch (IOException | RuntimeException e) {
      LOG.error("Cannot save the console password hash in {}: {}", file, e.toString());
      return null;
    }
  }

  private void writeAtomically(Path file, List<String> lines) throws IOException {
    Path dir = scratchDir != null ? scratchDir : confDir;
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, ".console-security-", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the file inherits the folder's access rules
      }
      Files.write(temp, lines, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException differentFileSystems) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static String banner(String consoleUrl, String user, char[] password, Path savedIn) {
    String rule = "=".repeat(78);
    StringBuilder text = new StringBuilder()
        .append('\n').append(rule).append('\n')
        .append("  ILL Bridge console: ").append(consoleUrl).append('\n')
        .append("  user: ").append(user).append("  password: ").append(password).append('\n')
        .append("  (shown once; change it with ").append(PASSWD_COMMAND).append(")\n");
    if (savedIn != null) {
      text.append("  Only a hash of this password is stored, in ").append(savedIn).append('\n');
    } else {
      text.append("  It could not be saved: a new one will be made at the next start.\n");
    }
    return text.append(rule).append('\n').toString();
  }
}
