package org.illbridge.launcher;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Finds the distribution root: {@code -Dillbridge.home}, else the folder above lib/. */
final class Home {
  static final String PROPERTY = "illbridge.home";

  private Home() {}

  static Path locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    try {
      Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.getParent().getParent().toAbsolutePath().normalize();
    } catch (URISyntaxException e) {
      return Path.of("").toAbsolutePath();
    }
  }
}
