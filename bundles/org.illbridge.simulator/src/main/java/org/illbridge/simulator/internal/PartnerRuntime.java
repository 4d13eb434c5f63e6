package org.illbridge.simulator.internal;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.simulator.internal.Journal.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every simulated partner shares: its clock (milliseconds since start, which the down
 * periods refer to), a scheduler for delayed answers, and sending to the bridge with the
 * scripted losses, garbling and retries.
 */
abstract class PartnerRuntime implements SimulatedPartner {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerRuntime.class);

  /** How often a message the bridge did not take is tried (a real peer's queue retries too). */
  static final int SEND_ATTEMPTS = 3;

  protected final PartnerSettings settings;
  protected final Behaviour behaviour;
  protected final Journal journal = new Journal(10_000);
  protected final BerCodec berCodec = new BerCodec();
  protected final BridgeLink bridge;
  private final ScheduledExecutorService scheduler;
  private final long startNanos = System.nanoTime();
  private volatile boolean closed;
  private volatile WireObserver observer;

  PartnerRuntime(PartnerSettings settings) {
    this.settings = settings;
    this.behaviour = settings.behaviour();
    this.bridge = new BridgeLink(settings.bridgeEndpoint(), settings.timeouts().connectMs(),
        settings.timeouts().replyWaitMs(), settings.bridgeHeaders());
    AtomicInteger n = new AtomicInteger();
    String name = "simulator-" + settings.symbol();
    this.scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public Journal journal() {
    return journal;
  }

  /** Sets (or, with null, removes) the observer of this partner's wire traffic; before {@link #start()}. */
  public void observe(WireObserver o) {
    this.observer = o;
  }

  /** A whole message from the bridge has just been read (called before it is handled). */
  void fromBridge(byte[] message, long nanos) {
    WireObserver o = observer;
    if (o != null) {
      try {
        o.fromBridge(message, nanos);
      } catch (RuntimeException e) {
        LOG.warn("Simulated partner {}: wire observer failed", settings.symbol(), e);
      }
    }
  }

  /** Milliseconds since this partner was created. */
  long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  boolean isDown() {
    return behaviour.downPeriods().isDown(elapsedMs());
  }

  boolean isClosed() {
    return closed;
  }

  /** Runs {@code task} after {@code delayMs}, or once the partner is up again if it is down then. */
  void later(long delayMs, Runnable task) {
    if (closed) {
      return;
    }
    try {
      scheduler.schedule(() -> {
        long now = elapsedMs();
        long up = behaviour.downPeriods().upAgainAt(now);
        if (up > now) {
          later(up - now, task);
          return;
        }
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.warn("Simulated partner {}: task failed", settings.symbol(), e);
        }
      }, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /** Runs {@code task} at {@code elapsedMs} after start (at once if that is past), down or not. */
  void at(long elapsedMs, Runnable task) {
    if (closed) {
      return;
    }
    try {
      scheduler.schedule(task, Math.max(0, elapsedMs - elapsedMs()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /**
   * Sends one message to the bridge, unless the behaviour loses it; garbled when the behaviour
   * says so. Retries a failed delivery a few times.
   *
   * @param txKey transaction the message belongs to (decisions are keyed by it)
   * @param what the message's name, for decisions and the journal
   * @param wire the message's correct bytes
   * @param garble turns the bytes into ones the bridge's codec must reject
   * @param contentType for HTTP
   */
  void deliver(String txKey, String what, byte[] wire, UnaryOperator<byte[]> garble,
      String contentType) {
    if (behaviour.loses(txKey, what)) {
      journal.add(txKey, what, Outcome.LOST, "not sent (lost-message rate)");
      LOG.info("Simulated partner {}: {} of {} lost on purpose", settings.symbol(), what, txKey);
      return;
    }
    boolean bad = behaviour.garbles(txKey, what);
    byte[] bytes = bad ? garble.apply(wire) : wire;
    attempt(txKey, what, bytes, bad, contentType, 1);
  }

  private void attempt(String txKey, String what, byte[] bytes, boolean bad, String contentType,
      int attempt) {
    try {
      WireObserver o = observer;
      if (o != null) {
        try {
          o.toBridge(bytes, System.nanoTime());
        } catch (RuntimeException e) {
          LOG.warn("Simulated partner {}: wire observer failed", settings.symbol(), e);
        }
      }
      byte[] reply = bridge.send(bytes, contentType, berCodec);
      journal.add(txKey, what, bad ? Outcome.MALFORMED : Outcome.SENT,
          reply.length == 0 ? "" : "bridge answered " + reply.length + " bytes");
      onBridgeReply(txKey, what, reply);
      LOG.debug("Simulated partner {}: sent {} of {}{}", settings.symbol(), what, txKey,
          bad ? " (malformed on purpose)" : "");
    } catch (IOException e) {
      if (attempt < SEND_ATTEMPTS && !closed) {
        LOG.debug("Simulated partner {}: {} of {} not delivered ({}), retrying",
            settings.symbol(), what, txKey, e.toString());
        later(500L * attempt, () -> attempt(txKey, what, bytes, bad, contentType, attempt + 1));
      } else {
        journal.add(txKey, what, Outcome.FAILED, e.toString());
        LOG.warn("Simulated partner {}: {} of {} could not be delivered to {}: {}",
            settings.symbol(), what, txKey, bridge.endpoint(), e.toString());
      }
    }
  }

  /** The bridge's immediate answer to something sent (empty when none). */
  void onBridgeReply(String txKey, String what, byte[] reply) {
    // nothing by default
  }

  /** Stops the scheduler; subclasses close their listener first. */
  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
