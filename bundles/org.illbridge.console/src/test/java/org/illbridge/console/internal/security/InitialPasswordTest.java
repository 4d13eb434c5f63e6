package org.illbridge.console.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.illbridge.console.PasswordHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitialPasswordTest {

  private static final Pattern PASSWORD_IN_BANNER = Pattern.compile("password: (\\S+)");

  @TempDir Path home;

  private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

  private InitialPassword initialPassword() {
    return new InitialPassword(home.resolve("conf"), home.resolve("data"),
        new PrintStream(terminal, true, StandardCharsets.UTF_8));
  }

  private String printedPassword() {
    Matcher matcher = PASSWORD_IN_BANNER.matcher(terminal.toString(StandardCharsets.UTF_8));
    assertTrue(matcher.find(), "banner shows the password: " + terminal);
    return matcher.group(1);
  }

  @Test
  void generatesAPasswordStoresOnlyItsHashAndShowsItOnce() throws IOException {
    String hash = initialPassword().generate("admin", "http://127.0.0.1:8080/system/console");

    String password = printedPassword();
    assertEquals(InitialPassword.LENGTH, password.length());
    assertTrue(PasswordHash.verify(password.toCharArray(), hash));
    String banner = terminal.toString(StandardCharsets.UTF_8);
    assertTrue(banner.contains("http://127.0.0.1:8080/system/console"), banner);
    assertTrue(banner.contains("user: admin"), banner);
    assertTrue(banner.contains("bin/illbridge passwd"), banner);

    Path cfg = home.resolve("conf").resolve("org.illbridge.console.security.cfg");
    Properties properties = new Properties();
    properties.load(new StringReader(Files.readString(cfg)));
    assertEquals(hash, properties.getProperty("admin.password.hash"));
    assertEquals(1, properties.size(), "only the hash is stored: " + properties);

    // The password itself is in no file under the distribution, and no temporary file is left.
    try (Stream<Path> files = Files.walk(home)) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      assertEquals(List.of(cfg), all);
      for (Path file : all) {
        assertFalse(Files.readString(file).contains(password), file.toString());
      }
    }
    if (Files.getFileStore(cfg).supportsFileAttributeView("posix")) {
      assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
          Files.getPosixFilePermissions(cfg));
    }
  }

  @Test
  void eachStartWithoutAHashGetsADifferentPassword() {
    String first = new InitialPassword(null, null, new PrintStream(terminal, true,
        StandardCharsets.UTF_8)).generate("admin", "url");
    String firstPassword = printedPassword();
    terminal.reset();
    String second = new InitialPassword(null, null, new PrintStream(terminal, true,
        StandardCharsets.UTF_8)).generate("admin", "url");
    String secondPassword = printedPassword();
    assertFalse(firstPassword.equals(secondPassword));
    assertFalse(PasswordHash.verify(firstPassword.toCharArray(), second));
    assertTrue(PasswordHash.verify(firstPassword.toCharArray(), first));
    assertTrue(terminal.toString(StandardCharsets.UTF_8).contains("could not be saved"));
  }

  @Test
  void readsAHashAlreadyInTheCfgFile() throws IOException {
    String existing = PasswordHash.hash("mine".toCharArray());
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(home.resolve("conf/org.illbridge.console.security.cfg"),
        "# mine\nadmin.user=librarian\nadmin.password.hash=" + existing + "\n");

    assertEquals(existing, initialPassword().hashFromFile());
  }

  @Test
  void waitsOutFileInstallRewritingTheCfgFileInPlace() throws Exception {
    // FileInstall truncates and rewrites the file while ConfigAdmin takes it: the first read
    // sees an empty file; the admin's hash must still win over a generated password.
    String existing = PasswordHash.hash("mine".toCharArray());
    Path cfg = home.resolve("conf/org.illbridge.console.security.cfg");
    Files.createDirectories(cfg.getParent());
    Files.writeString(cfg, "");
    Thread rewriter = new Thread(() -> {
      try {
        Thread.sleep(300);
        Files.writeString(cfg, "admin.user=admin\nadmin.password.hash=" + existing + "\n");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    rewriter.start();
    assertEquals(existing, initialPassword().hashFromFile());
    rewriter.join();
  }

  @Test
  void noHashWithoutFileOrWithEmptyValue() throws IOException {
    assertNull(initialPassword().hashFromFile());
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(home.resolve("conf/org.illbridge.console.security.cfg"),
        "admin.password.hash=\nsession.timeout.minutes=10\n");
    assertNull(initialPassword().hashFromFile());
  }

  @Test
  void keepsTheAdministratorsOtherSettingsWhenAddingTheHash() throws IOException {
    Path cfg = home.resolve("conf/org.illbridge.console.security.cfg");
    Files.createDirectories(cfg.getParent());
    Files.writeString(cfg, "# my settings\nsession.timeout.minutes=10\nadmin.password.hash=\n");

    String hash = initialPassword().generate("admin", "url");

    Properties properties = new Properties();
    properties.load(new StringReader(Files.readString(cfg)));
    assertEquals("10", properties.getProperty("session.timeout.minutes"));
    assertEquals(hash, properties.getProperty("admin.password.hash"));
    assertTrue(Files.readString(cfg).startsWith("# my settings\n"));
    assertEquals(hash, initialPassword().hashFromFile());
  }

  @Test
  void passwordsUseTheUnambiguousAlphabet() {
    for (int i = 0; i < 200; i++) {
      String password = new String(InitialPassword.randomPassword());
      assertEquals(20, password.length());
      assertTrue(password.matches("[A-HJ-NP-Za-km-z2-9]+"), password);
    }
  }

  @Test
  void bannerIsFramedAndNamesTheFile() {
    String banner = InitialPassword.banner("http://h:1/system/console", "admin",
        "Abc".toCharArray(), Path.of("/x/conf/f.cfg"));
    assertTrue(banner.contains("=".repeat(78)));
    assertTrue(banner.contains("user: admin  password: Abc"));
    assertTrue(banner.contains("/x/conf/f.cfg"));
    assertNotNull(banner);
  }
}
