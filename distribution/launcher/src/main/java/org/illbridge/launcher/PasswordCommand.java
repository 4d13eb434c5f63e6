package org.illbridge.launcher;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * {@code illbridge passwd [user]}: writes the console user and the hash of a new password to
 * {@code conf/org.illbridge.console.security.cfg}. A running server picks the file up within a
 * second (FileInstall).
 */
final class PasswordCommand {
  private static final int MIN_LENGTH = 12;

  private PasswordCommand() {}

  static int run(Path home, String[] args) throws Exception {
    String user = args.length > 0 ? args[0] : "admin";
    char[] password = readPassword();
    if (password == null) {
      System.err.println("No password given.");
      return 1;
    }
    if (password.length < MIN_LENGTH) {
      System.err.println("The password must have at least " + MIN_LENGTH + " characters.");
      return 1;
    }
    try (URLClassLoader console = consoleBundle(home)) {
      Class<?> hashing = console.loadClass("org.illbridge.console.PasswordHash");
      String hash = (String) hashing.getMethod("hash", char[].class).invoke(null, (Object) password);
      Arrays.fill(password, '\0');
      String file = (String) hashing.getField("CONFIG_FILE").get(null);
      String key = (String) hashing.getField("CONFIG_PROPERTY").get(null);
      Path conf = Main.requireDir(home.resolve("conf"));
      Path tmp = conf.resolve(file + ".tmp");
      Files.writeString(
          tmp,
          "# Web console login, written by 'illbridge passwd'. Only the hash is stored.\n"
              + "admin.user=" + user + "\n"
              + key + "=" + hash + "\n",
          StandardCharsets.UTF_8);
      Files.move(tmp, conf.resolve(file), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      System.out.println("Console password for '" + user + "' set in conf/" + file + ".");
    }
    return 0;
  }

  private static char[] readPassword() throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("New console password: ");
      char[] second = console.readPassword("Again: ");
      if (first == null || !Arrays.equals(first, second)) {
        System.err.println("The passwords differ.");
        return null;
      }
      return first;
    }
    String line =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return line == null || line.isEmpty() ? null : line.toCharArray();
  }

  /**
   * The console bundle owns the hash format, the file name and the key; its exported, JDK-only
   * {@code PasswordHash} class is loaded from bundle/ rather than copied here.
   */
  private static URLClassLoader consoleBundle(Path home) throws IOException {
    Path consoleJar;
    try (Stream<Path> s = Files.list(Main.requireDir(home.resolve("bundle")))) {
      consoleJar =
          s.filter(p -> p.getFileName().toString().startsWith("org.illbridge.console-"))
              .findFirst()
              .orElseThrow(() -> new IOException("console bundle not found in bundle/"));
    }
    return new URLClassLoader(new URL[] {consoleJar.toUri().toURL()}, Main.class.getClassLoader());
  }
}
