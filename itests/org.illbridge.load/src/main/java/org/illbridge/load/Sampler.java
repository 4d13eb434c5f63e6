package org.illbridge.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;

/** Samples a process's CPU and resident memory once a second while a phase runs. */
final class Sampler implements AutoCloseable {
  private final long pid;
  private final Thread thread;
  private final ArrayNode timeline = HomeSide.JSON.createArrayNode();
  private final long startNanos = System.nanoTime();
  private final ProcStats.Sample first;
  private volatile ProcStats.Sample last;
  private volatile long maxRssKb;
  private volatile boolean running = true;

  Sampler(long pid) throws IOException {
    this.pid = pid;
    this.first = ProcStats.read(pid);
    this.last = first;
    this.maxRssKb = first.rssKb();
    thread = new Thread(this::loop, "sampler-" + pid);
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      try {
        Thread.sleep(1000);
        ProcStats.Sample s = ProcStats.read(pid);
        double secs = (System.nanoTime() - startNanos) / 1e9;
        synchronized (timeline) {
          timeline.addObject().put("t", Math.round(secs * 10) / 10.0)
              .put("cpuPercent", Math.round((s.cpuSeconds() - last.cpuSeconds()) * 1000) / 10.0)
              .put("rssMb", s.rssKb() / 1024);
        }
        last = s;
        maxRssKb = Math.max(maxRssKb, s.rssKb());
      } catch (IOException e) {
        return; // process gone
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** CPU seconds used since the sampler started. */
  double cpuSeconds() {
    try {
      return ProcStats.read(pid).cpuSeconds() - first.cpuSeconds();
    } catch (IOException e) {
      return last.cpuSeconds() - first.cpuSeconds();
    }
  }

  long maxRssKb() {
    return maxRssKb;
  }

  /** Peak resident set of the process's whole life (VmHWM). */
  long hwmKb() {
    try {
      return ProcStats.read(pid).hwmKb();
    } catch (IOException e) {
      return last.hwmKb();
    }
  }

  ArrayNode timeline() {
    synchronized (timeline) {
      return timeline.deepCopy();
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
