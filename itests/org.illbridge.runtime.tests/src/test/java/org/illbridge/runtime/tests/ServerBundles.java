package org.illbridge.runtime.tests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/**
 * The Pax Exam configuration: every bundle of the server feature (copied by the build from the
 * feature POM, exactly what the distribution ships) plus the framework properties the launcher
 * sets. Tests add their own options on top.
 */
final class ServerBundles {
  private ServerBundles() {}

  static Option[] options(Option... extra) {
    String home = System.getProperty("illbridge.home");
    new File(home, "conf").mkdirs();
    List<Option> options = new ArrayList<>();
    options.add(junitBundles());
    // appended to the packages Pax Exam itself shares with the test JVM, as the launcher does
    options.add(
        systemPackages(
            "org.slf4j;version=2.0.17", "org.slf4j.event;version=2.0.17",
            "org.slf4j.helpers;version=2.0.17", "org.slf4j.spi;version=2.0.17"));
    options.add(frameworkProperty("illbridge.home").value(home));
    options.add(frameworkProperty("org.osgi.service.http.port").value("0"));
    options.add(frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
    options.add(frameworkProperty("felix.webconsole.security.providers").value("illbridge"));
    options.add(frameworkProperty("felix.fileinstall.dir").value(home + "/conf"));
    options.add(systemProperty("derby.system.home").value(home + "/data"));
    options.add(systemProperty("derby.stream.error.file").value(home + "/derby.log"));
    for (Path jar : serverJars()) {
      options.add(bundle(jar.toUri().toString()));
    }
    for (Option o : extra) {
      options.add(o);
    }
    return options.toArray(Option[]::new);
  }

  private static List<Path> serverJars() {
    Path dir = Path.of(System.getProperty("illbridge.bundles"));
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("server bundles not copied to " + dir, e);
    }
  }
}
