package org.illbridge.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Thread dumps of the server ({@code jcmd <pid> Thread.print}) and where its busy threads are: for
 * each thread that runs bridge or Derby code, its state and the topmost {@code org.illbridge} /
 * {@code org.apache.derby} frame, counted over the samples. Enough to see whether the engine
 * waits on the store's log flush, on locks, or computes.
 */
final class ThreadDumps {
  /** Frames where a thread only waits for work (a socket read, accept, a daemon's sleep): not load. */
  static final List<String> IDLE = List.of("ApduReader.next", "ApduServer.acceptLoop",
      "Server.awaitStop", "BasicDaemon.rest");

  private ThreadDumps() {}

  /** Takes {@code samples} dumps {@code intervalMs} apart into {@code dir}; returns the counts, most first. */
  static Map<String, Integer> sample(long pid, int samples, long intervalMs, Path dir) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < samples; i++) {
      try {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print")
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
          counts.merge("(jcmd failed: " + out.lines().findFirst().orElse("") + ")", 1, Integer::sum);
          continue;
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("threads-" + pid + "-" + i + ".txt"), out);
        summarise(out).forEach((k, v) -> counts.merge(k, v, Integer::sum));
        Thread.sleep(intervalMs);
      } catch (IOException e) {
        counts.merge("(jcmd not available: " + e.getMessage() + ")", 1, Integer::sum);
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort((a, b) -> b.getValue() - a.getValue());
    Map<String, Integer> top = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : sorted.subList(0, Math.min(12, sorted.size()))) {
      top.put(e.getKey(), e.getValue());
    }
    return top;
  }

  /** state + topmost bridge/Derby frame → number of threads, for one dump. */
  static Map<String, Integer> summarise(String dump) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String block : dump.split("\\n\\s*\\n")) {
      if (!block.startsWith("\"")) {
        continue;
      }
      String state = "?";
      String frame = null;
      for (String line : block.split("\n")) {
        String t = line.trim();
        if (t.startsWith("java.lang.Thread.State:")) {
          state = t.substring("java.lang.Thread.State:".length()).trim().split("\\s+")[0];
        } else if (frame == null && t.startsWith("at ")
            && (t.startsWith("at org.illbridge.") || t.startsWith("at org.apache.derby."))) {
          frame = t.substring(3).replaceFirst("\\(.*\\)$", "");
        }
      }
      if (frame != null && IDLE.stream().noneMatch(frame::endsWith)) {
        counts.merge(state + " " + frame, 1, Integer::sum);
      }
    }
    return counts;
  }
}
