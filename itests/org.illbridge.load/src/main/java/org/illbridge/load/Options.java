package org.illbridge.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code -name=value} options; unknown names and bad values are refused with a message naming them. */
final class Options {
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Set<String> used = new TreeSet<>();

  Options(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      String a = args[i];
      int eq = a.indexOf('=');
      if (!a.startsWith("-") || eq < 2) {
        throw new IllegalArgumentException("expected -name=value, got '" + a + "'"
            + (a.startsWith("-X") || a.startsWith("-D") || a.startsWith("-agent")
                ? " (several JVM options in -serverOpts: separate them with commas, e.g."
                    + " -serverOpts=-Xmx384m,-XX:+UseSerialGC, or quote the value)" : ""));
      }
      values.put(a.substring(a.startsWith("--") ? 2 : 1, eq), a.substring(eq + 1));
    }
  }

  String str(String name, String def) {
    used.add(name);
    String v = values.get(name);
    return v == null || v.isBlank() ? def : v.trim();
  }

  /**
   * JVM options, for {@code JAVA_OPTS}: several may be given separated by commas (a comma followed
   * by {@code -} starts the next option, so {@code -XX:StartFlightRecording=duration=30s,filename=x.jfr}
   * stays one) or by spaces (a quoted value, e.g. {@code -serverOpts='-Xmx384m -XX:+UseSerialGC'}
   * inside {@code -Dload.args="..."}); returned space-separated.
   */
  String jvmOptions(String name, String def) {
    String v = str(name, null);
    if (v == null) {
      return def;
    }
    StringBuilder sb = new StringBuilder();
    for (String part : v.split(",(?=\\s*-)|\\s+")) {
      if (!part.isBlank()) {
        if (!part.startsWith("-")) {
          throw new IllegalArgumentException("-" + name + ": '" + part + "' is not a JVM option"
              + " (each starts with -; separate them with commas or spaces)");
        }
        sb.append(sb.length() == 0 ? "" : " ").append(part);
      }
    }
    return sb.length() == 0 ? def : sb.toString();
  }

  int integer(String name, int def, int min, int max) {
    String v = str(name, null);
    if (v == null) {
      return def;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new IllegalArgumentException("-" + name + " must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-" + name + " must be a whole number, got '" + v + "'");
    }
  }

  /** Refuses options no one asked for (typos), listing those that exist. */
  void checkAllUsed() {
    for (String k : values.keySet()) {
      if (!used.contains(k)) {
        throw new IllegalArgumentException("unknown option -" + k + " (known: -" + String.join(", -", used) + ")");
      }
    }
  }

  /** The options as given, for the report. */
  String given() {
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> {
      if (!k.equals("distribution") && !k.equals("work") && !k.equals("results")) {
        sb.append(sb.length() == 0 ? "" : " ").append('-').append(k).append('=').append(v);
      }
    });
    return sb.toString();
  }
}
