package org.illbridge.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time and resident memory of a process, from Linux {@code /proc/<pid>/stat} (utime + stime,
 * in clock ticks) and {@code /proc/<pid>/status} (VmRSS, VmHWM = peak resident set).
 */
final class ProcStats {

  /** One reading; memory in kB, CPU in seconds (user + system). */
  record Sample(double cpuSeconds, long rssKb, long hwmKb) {}

  private static final long TICKS = clockTicks();

  private ProcStats() {}

  static Sample read(long pid) throws IOException {
    return parse(Files.readString(Path.of("/proc/" + pid + "/stat")),
        Files.readString(Path.of("/proc/" + pid + "/status")), TICKS);
  }

  /** The load average line of the machine (1, 5, 15 minutes). */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  static int cpus() {
    return Runtime.getRuntime().availableProcessors();
  }

  static Sample parse(String stat, String status, long ticksPerSecond) {
    // the command name (field 2) is in parentheses and may hold spaces: count fields after ')'
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
    }
    String[] f = stat.substring(close + 2).trim().split("\\s+");
    // f[0] is field 3 (state); utime is field 14, stime field 15
    long utime = Long.parseLong(f[11]);
    long stime = Long.parseLong(f[12]);
    return new Sample((utime + stime) / (double) ticksPerSecond, kb(status, "VmRSS:"),
        kb(status, "VmHWM:"));
  }

  private static long kb(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field)) {
        String v = line.substring(field.length()).trim();
        return Long.parseLong(v.split("\\s+")[0]);
      }
    }
    return -1;
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100; // USER_HZ on every mainstream Linux build
  }
}
