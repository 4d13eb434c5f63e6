package org.illbridge.e2e.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A vendor's dialect project, made the way the archetype's README says: {@code mvn archetype:generate}
 * from {@code org.illbridge.dialect.archetype}, then {@code mvn -B package}, by a nested Maven (the one
 * running this build, with its local repository and offline mode) in a folder under
 * target/dialect-projects that has no ILL Bridge POM above it in the Maven sense (the generated POM has
 * no parent): it builds against the {@code org.illbridge.api} artifact alone.
 */
final class DialectProject {
  static final String GROUP_ID = "com.example.ill";
  static final String ARTIFACT_ID = "acme-dialect";
  static final String PACKAGE = "com.example.ill.acme";
  static final String DIALECT_ID = "acme";
  static final String DIALECT_NAME = "ACME ILL";
  /** Bundle-SymbolicName of the built jar (the generated bnd instructions use the artifactId). */
  static final String SYMBOLIC_NAME = ARTIFACT_ID;
  /** Bound of one nested Maven run (generate or package); a first, cold run takes about 10 s. */
  static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(5);

  private DialectProject() {}

  /**
   * Generates the project {@code name} at {@code version}, lets {@code ruleEdit} change the dialect's
   * source (identity for the template as generated), builds it and returns the bundle jar.
   */
  static Path build(String name, String version, UnaryOperator<String> ruleEdit) throws Exception {
    checkApiMatchesDistribution();
    Path dir = Path.of(System.getProperty("dialects.projectsDir")).resolve(name);
    Bridge.deleteTree(dir);
    Files.createDirectories(dir);
    mvn(dir, dir.resolve("generate.log"),
        "org.apache.maven.plugins:maven-archetype-plugin:"
            + System.getProperty("dialects.archetypePluginVersion") + ":generate",
        "-DarchetypeGroupId=org.illbridge", "-DarchetypeArtifactId=org.illbridge.dialect.archetype",
        "-DarchetypeVersion=" + System.getProperty("illbridge.version"),
        "-DgroupId=" + GROUP_ID, "-DartifactId=" + ARTIFACT_ID, "-Dversion=" + version,
        "-Dpackage=" + PACKAGE, "-DdialectId=" + DIALECT_ID, "-DdialectName=" + DIALECT_NAME);
    Path project = dir.resolve(ARTIFACT_ID);
    Path source = project.resolve("src/main/java/" + PACKAGE.replace('.', '/') + "/internal/PartnerDialect.java");
    if (!Files.isRegularFile(source)) {
      throw new AssertionError("the archetype did not generate " + source);
    }
    String original = Files.readString(source);
    String edited = ruleEdit.apply(original);
    if (!edited.equals(original)) {
      Files.writeString(source, edited);
    }
    mvn(project, dir.resolve("package.log"), "package");
    Path jar = project.resolve("target/" + ARTIFACT_ID + "-" + version + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("no " + jar + " after mvn package (see " + dir + ")");
    }
    return jar;
  }

  /**
   * The project builds against the API in the local repository, the server runs the API in the
   * distribution: when they export different package versions (the distribution was built before
   * the API changed) a dialect may import a version the server lacks and never start. Say so
   * plainly rather than time out later.
   */
  static void checkApiMatchesDistribution() throws IOException {
    String v = System.getProperty("illbridge.version");
    String repo = System.getProperty("dialects.localRepository", "");
    if (repo.isBlank() || repo.startsWith("${")) {
      return; // unknown local repository: nothing to compare
    }
    Path local = Path.of(repo, "org/illbridge/org.illbridge.api", v, "org.illbridge.api-" + v + ".jar");
    Path shipped = Path.of(System.getProperty("illbridge.distribution"), "bundle", "org.illbridge.api-" + v + ".jar");
    if (!Files.isRegularFile(local)) {
      throw new IllegalStateException("the API is not installed in the local repository: " + local
          + " (mvn -B -f bundles/org.illbridge.api/pom.xml install)");
    }
    String localExports = exports(local);
    String shippedExports = Files.isRegularFile(shipped) ? exports(shipped) : "(no " + shipped + ")";
    if (!localExports.equals(shippedExports)) {
      throw new IllegalStateException("the distribution's API differs from the API a dialect project"
          + " builds against; rebuild the distribution (./mvnw -B install -DskipTests -pl distribution -am)."
          + "\n  local repository: " + localExports + "\n  distribution:     " + shippedExports);
    }
  }

  private static String exports(Path jar) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      Manifest m = j.getManifest();
      return m == null ? "" : String.valueOf(m.getMainAttributes().getValue("Export-Package"));
    }
  }

  /** Runs the nested Maven in {@code dir}, its output to {@code out}. */
  private static void mvn(Path dir, Path out, String... goalsAndArgs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(mavenExecutable());
    cmd.add("-B");
    cmd.add("-Dstyle.color=never");
    String repo = System.getProperty("dialects.localRepository", "");
    if (!repo.isBlank()) {
      cmd.add("-Dmaven.repo.local=" + repo);
    }
    if (System.getProperty("dialects.offline", "").endsWith("=true")) {
      cmd.add("-o");
    }
    cmd.addAll(List.of(goalsAndArgs));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile());
    // the nested Maven must not inherit a project-specific MAVEN_OPTS / MAVEN_ARGS of a caller
    pb.environment().remove("MAVEN_ARGS");
    Process p = pb.start();
    p.getOutputStream().close(); // batch mode: nothing is asked, and an unexpected prompt ends at EOF
    if (!p.waitFor(MAVEN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(String.join(" ", cmd) + " did not finish within " + MAVEN_TIMEOUT
          + ":\n" + tail(out));
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", cmd) + " failed (exit " + p.exitValue() + ") in "
          + dir + ":\n" + tail(out));
    }
  }

  /** {@code maven.home}/bin/mvn of the running build, else the project's wrapper. */
  private static String mavenExecutable() {
    String home = System.getProperty("dialects.mavenHome", "");
    if (!home.isBlank() && !home.startsWith("${")) {
      Path mvn = Path.of(home, "bin", "mvn");
      if (Files.isExecutable(mvn)) {
        return mvn.toString();
      }
    }
    Path wrapper = Path.of(System.getProperty("dialects.mvnw"));
    if (Files.isExecutable(wrapper)) {
      return wrapper.toString();
    }
    throw new IllegalStateException("no Maven to run: maven.home=" + home + ", no " + wrapper);
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
