package org.illbridge.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Framework properties: built-in defaults, overridden by {@code conf/illbridge.properties}, then by
 * {@code -D} system properties of the same name. {@code ${illbridge.home}} is substituted.
 */
final class LauncherConfig {
  static final String HTTP_PORT = "org.osgi.service.http.port";
  static final String HTTP_HOST = "org.apache.felix.http.host";

  private final Map<String, String> properties;

  private LauncherConfig(Map<String, String> properties) {
    this.properties = properties;
  }

  static LauncherConfig load(Path home) throws IOException {
    Map<String, String> p = new LinkedHashMap<>(defaults(home));
    Path file = home.resolve("conf").resolve("illbridge.properties");
    if (Files.isRegularFile(file)) {
      Properties fromFile = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        fromFile.load(r);
      }
      fromFile.stringPropertyNames().forEach(k -> p.put(k, fromFile.getProperty(k).trim()));
    }
    for (String key : p.keySet().toArray(String[]::new)) {
      String override = System.getProperty(key);
      if (override != null) {
        p.put(key, override);
      }
    }
    String homeText = home.toString();
    p.replaceAll((k, v) -> v.replace("${illbridge.home}", homeText));
    return new LauncherConfig(p);
  }

  private static Map<String, String> defaults(Path home) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("illbridge.home", home.toString());
    d.put("org.osgi.framework.storage", "${illbridge.home}/data/cache");
    // The cache is kept between starts: bundles uploaded in the console and configurations made
    // there survive a restart. The launcher keeps the bundles of bundle/ in step with the folder.
    d.put("org.osgi.framework.bootdelegation", "sun.*,com.sun.*");
    // slf4j is on the launcher class path: bundles import it from the system bundle. Both the 2.x
    // and the 1.7 version range are offered because third-party bundles still import [1.7,2).
    d.put(
        "org.osgi.framework.system.packages.extra",
        "org.slf4j;version=2.0.17,org.slf4j.event;version=2.0.17,org.slf4j.helpers;version=2.0.17,"
            + "org.slf4j.spi;version=2.0.17,org.slf4j;version=1.7.36,org.slf4j.event;version=1.7.36,"
            + "org.slf4j.helpers;version=1.7.36,org.slf4j.spi;version=1.7.36");
    d.put(HTTP_PORT, "8080");
    d.put(HTTP_HOST, "127.0.0.1");
    d.put("felix.fileinstall.dir", "${illbridge.home}/conf");
    d.put("felix.fileinstall.filter", ".*\\.cfg");
    d.put("felix.fileinstall.poll", "1000");
    d.put("felix.fileinstall.noInitialDelay", "true");
    d.put("felix.fileinstall.log.level", "2");
    // conf/ is read, never written: FileInstall's write-back rewrites every cfg file in place at
    // start, and a file caught half-written was saved back empty (seen in about 1 start in 5).
    // Changes made on the console's Configuration page persist in data/cache instead.
    d.put("felix.fileinstall.enableConfigSave", "false");
    // The console is not served until the ILL Bridge security provider is registered, so the
    // web console's built-in admin/admin never answers.
    d.put("felix.webconsole.security.providers", "illbridge");
    d.put("felix.webconsole.manager.root", "/system/console");
    d.put("felix.webconsole.category", "OSGi");
    d.put("ds.loglevel", "warn");
    d.put("derby.system.home", "${illbridge.home}/data");
    d.put("derby.stream.error.file", "${illbridge.home}/logs/derby.log");
    return d;
  }

  Map<String, String> asMap() {
    return properties;
  }

  String get(String key) {
    return properties.get(key);
  }

  String consoleUrl() {
    String host = get(HTTP_HOST);
    String shown = host == null || host.isBlank() || host.equals("0.0.0.0") ? "localhost" : host;
    return "http://" + shown + ":" + get(HTTP_PORT) + get("felix.webconsole.manager.root");
  }
}
