package org.illbridge.iso10161.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.illbridge.api.transport.InboundHandler;
import org.illbridge.api.transport.Transport;
import org.illbridge.iso10161.IllCodecException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound ISO 10161 over TCP ({@code tcp://host:port}). {@link #send} returns as soon as the APDU
 * is written and flushed: ISO 10161 has no acknowledgement, and a peer that refuses an APDU answers
 * with a Status-Or-Error-Report whenever it likes. So connections to a peer stay open and are
 * reused (at most {@link TcpSettings#outboundConnections()} per endpoint, closed after {@link
 * TcpSettings#outboundIdleMillis()} unused), and a background reader per connection hands every
 * APDU the peer sends back to the normal inbound path ({@link InboundApdus}, the same as the
 * listener's), so a report is still stored and processed, just not by the sender's thread.
 *
 * <p>Peers that close after each APDU: a write into a connection the peer has just closed succeeds
 * locally and is lost. So a new peer's first connection is on probation: it is not reused until it
 * stayed open {@value #PROBATION_MILLIS} ms after its first APDU (the peer keeps connections: reuse
 * from then on). If the peer closes it before, the peer is one-shot: each APDU gets its own
 * connection, half-closed after writing so the peer sees the end at once. A write that fails on a
 * reused connection is retried once on a new one.
 *
 * <p>Hand-written on {@link Socket} rather than a client library: the framing is one BER TLV per
 * APDU ({@link ApduReader}), shared with the listener, and no well-kept library pools raw TCP
 * connections with a read side like this one.
 */
@Component(service = Transport.class, configurationPid = TcpConfig.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = {Transport.PROPERTY_SCHEME + "=tcp", "illbridge.protocol=ISO10161"})
public final class TcpTransport implements Transport, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);
  static final long PROBATION_MILLIS = 2000;

  private enum Mode { UNKNOWN, REUSE, ONE_SHOT }

  private final TcpSettings settings;
  private final InboundApdus inbound;
  private final Map<String, Peer> peers = new ConcurrentHashMap<>();
  private final Set<Conn> all = ConcurrentHashMap.newKeySet();
  private final ScheduledThreadPoolExecutor timer;
  private final ExecutorService readers;
  private volatile boolean closed;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile InboundHandler handler;

  @Activate
  public TcpTransport(TcpConfig config) {
    this(TcpSettings.of(config), null);
  }

  /**
   * @param handler where APDUs the peers send back go; null: taken from the DS reference
   */
  public TcpTransport(TcpSettings settings, InboundHandler handler) {
    this.settings = settings;
    this.handler = handler;
    this.inbound = new InboundApdus(() -> this.handler, settings.maxApduSize());
    AtomicInteger n = new AtomicInteger();
    this.readers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "iso10161-tcp-out-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "iso10161-tcp-out-timer");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
  }

  @Override
  public byte[] send(URI endpoint, byte[] payload) throws IOException {
    if (!"tcp".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null
        || endpoint.getPort() <= 0) {
      throw new IOException("not a tcp://host:port endpoint: " + endpoint);
    }
    if (closed) {
      throw new IOException("the ISO 10161 TCP transport is stopped");
    }
    Peer peer = peers.computeIfAbsent(endpoint.getHost().toLowerCase() + ":" + endpoint.getPort(),
        k -> new Peer(endpoint.getHost(), endpoint.getPort()));
    Conn conn = peer.borrow();
    try {
      conn.write(payload);
    } catch (IOException e) {
      boolean reused = conn.writes > 0;
      conn.kill();
      if (!reused) {
        throw e;
      }
      // A kept connection the peer dropped meanwhile: once more on a new one.
      LOG.debug("ISO 10161 to {}: kept connection failed ({}), reconnecting", peer, e.toString());
      conn = peer.borrowNew();
      try {
        conn.write(payload);
      } catch (IOException again) {
        conn.kill();
        throw again;
      }
    }
    peer.written(conn);
    return new byte[0];
  }

  /** Open outbound connections (tests, diagnostics). */
  int openConnections() {
    return all.size();
  }

  @Override
  @Deactivate
  public void close() {
    closed = true;
    for (Conn c : all) {
      c.kill();
    }
    for (Peer p : peers.values()) {
      synchronized (p) {
        p.notifyAll();
      }
    }
    timer.shutdownNow();
    readers.shutdownNow();
    try {
      if (!readers.awaitTermination(5, TimeUnit.SECONDS)
          || !timer.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("ISO 10161 TCP outbound readers still running after stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One partner endpoint: its kept connections and what it does with them. */
  private final class Peer {
    private final String host;
    private final int port;
    private final Deque<Conn> idle = new ArrayDeque<>();
    private int open;
    private volatile Mode mode = Mode.UNKNOWN;

    Peer(String host, int port) {
      this.host = host;
      this.port = port;
    }

    /** An idle kept connection (most recently used first), or a new one within the limit. */
    Conn borrow() throws IOException {
      long deadline = System.nanoTime() + settings.connectTimeoutMillis() * 1_000_000L;
      synchronized (this) {
        while (true) {
          checkOpen();
          Conn c = idle.pollFirst();
          if (c != null) {
            if (c.alive) {
              return c;
            }
            continue;
          }
          if (open < settings.outboundConnections()) {
            open++;
            break;
          }
          long left = (deadline - System.nanoTime()) / 1_000_000L;
          if (left <= 0) {
            throw new IOException("all " + settings.outboundConnections() + " connections to "
                + this + " stayed busy for " + settings.connectTimeoutMillis() + " ms");
          }
          waitQuietly(left);
        }
      }
      return connect();
    }

    /** A new connection, not counted against the limit's wait (replaces one that just failed). */
    Conn borrowNew() throws IOException {
      synchronized (this) {
        checkOpen();
        open++;
      }
      return connect();
    }

    private void checkOpen() throws IOException {
      if (closed) {
        throw new IOException("the ISO 10161 TCP transport is stopped");
      }
    }

    private void waitQuietly(long millis) throws IOException {
      try {
        wait(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for a connection to " + this, e);
      }
    }

    private Conn connect() throws IOException {
      Socket s = new Socket();
      Conn c;
      try {
        s.connect(new InetSocketAddress(host, port), settings.connectTimeoutMillis());
        s.setTcpNoDelay(true);
        s.setKeepAlive(true);
        c = new Conn(this, s);
      } catch (IOException | RuntimeException e) {
        try {
          s.close();
        } catch (IOException ignored) {
          // failing anyway
        }
        gone();
        throw e instanceof IOException io ? io : new IOException(e.toString(), e);
      }
      all.add(c);
      try {
        checkOpen();
        readers.execute(c::readLoop);
      } catch (IOException | RuntimeException e) {
        c.kill();
        throw new IOException("the ISO 10161 TCP transport is stopped");
      }
      return c;
    }

    /** After a successful write: back to the pool, on probation, or half-closed (one-shot peer). */
    void written(Conn c) {
      Mode m = mode;
      if (m == Mode.ONE_SHOT) {
        c.halfClose();
      } else if (m == Mode.UNKNOWN && c.writes == 1) {
        try {
          timer.schedule(() -> {
            if (c.alive && mode == Mode.UNKNOWN) {
              mode = Mode.REUSE;
              LOG.debug("ISO 10161 to {}: the peer keeps connections; reusing them", this);
            }
            release(c);
          }, PROBATION_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException stopped) {
          c.kill();
        }
      } else {
        release(c);
      }
    }

    synchronized void release(Conn c) {
      if (c.alive && !closed) {
        c.lastUsedNanos = System.nanoTime();
        idle.addFirst(c);
      }
      notifyAll();
    }

    /** The peer closed {@code c} (cleanly) shortly after its first APDU: it is one-shot. */
    void closedByPeer(Conn c) {
      if (mode == Mode.UNKNOWN && c.writes == 1
          && System.nanoTime() - c.lastWriteNanos < PROBATION_MILLIS * 1_000_000L) {
        mode = Mode.ONE_SHOT;
        LOG.info("ISO 10161 to {}: the peer closes the connection after each APDU;"
            + " one connection per APDU from now on", this);
      }
    }

    synchronized void forget(Conn c) {
      idle.remove(c);
      gone();
    }

    private synchronized void gone() {
      open--;
      notifyAll();
    }

    /** Takes {@code c} out of the pool if it has been idle too long; true when it did. */
    synchronized boolean retireIfIdle(Conn c) {
      if (idle.contains(c)
          && System.nanoTime() - c.lastUsedNanos >= settings.outboundIdleMillis() * 1_000_000L) {
        idle.remove(c);
        return true;
      }
      return false;
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /** One kept connection: written by senders (one at a time), read by its own reader thread. */
  private final class Conn {
    private final Peer peer;
    private final Socket socket;
    private final OutputStream out;
    private final String name;
    private final java.util.concurrent.atomic.AtomicBoolean open =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    private final Object writeLock = new Object();
    private volatile boolean alive = true;
    private volatile int writes;
    private volatile long lastWriteNanos;
    private volatile long lastUsedNanos = System.nanoTime();

    Conn(Peer peer, Socket socket) throws IOException {
      this.peer = peer;
      this.socket = socket;
      this.out = socket.getOutputStream();
      this.name = peer + " (local port " + socket.getLocalPort() + ")";
    }

    /**
     * Writes and flushes one APDU. {@link Socket} has no write timeout: a peer that stops
     * reading would block the sender for ever once the buffers are full, so the socket is closed
     * when the write takes longer than the read timeout.
     */
    void write(byte[] apdu) throws IOException {
      synchronized (writeLock) {
        writeLocked(apdu);
      }
    }

    private void writeLocked(byte[] apdu) throws IOException {
      if (!alive) {
        throw new IOException("connection to " + name + " closed");
      }
      ScheduledFuture<?> guard;
      try {
        guard = timer.schedule(() -> {
          LOG.warn("ISO 10161 to {}: write blocked for {} ms, closing", name,
              settings.readTimeoutMillis());
          kill();
        }, settings.readTimeoutMillis(), TimeUnit.MILLISECONDS);
      } catch (RuntimeException stopped) {
        throw new IOException("the ISO 10161 TCP transport is stopped");
      }
      try {
        out.write(apdu);
        out.flush();
        writes++;
        lastWriteNanos = System.nanoTime();
      } finally {
        guard.cancel(false);
      }
    }

    /** For replies the inbound path sends back on this connection. */
    void reply(byte[] apdu) throws IOException {
      write(apdu);
    }

    void halfClose() {
      try {
        socket.shutdownOutput();
      } catch (IOException e) {
        kill();
      }
    }

    /** Closes the socket (which ends a blocked write or read) and frees the peer's slot, once. */
    void kill() {
      if (!open.compareAndSet(true, false)) {
        return;
      }
      alive = false;
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      all.remove(this);
      peer.forget(this);
    }

    void readLoop() {
      ApduReader reader;
      try {
        reader = new ApduReader(socket, settings.maxApduSize(), settings.outboundIdleMillis(),
            settings.readTimeoutMillis());
      } catch (IOException e) {
        kill();
        return;
      }
      try {
        while (alive) {
          byte[] raw;
          try {
            raw = reader.next();
          } catch (SocketTimeoutException e) {
            if (reader.pending() > 0) {
              LOG.warn("ISO 10161 from {}: incomplete APDU timed out ({} bytes), closing", name,
                  reader.pending());
              inbound.badlyStructured(this::reply, "incomplete APDU timed out", name);
              return;
            }
            if (peer.retireIfIdle(this)) {
              LOG.debug("ISO 10161 to {}: idle, closing", name);
              return;
            }
            continue;
          } catch (IllCodecException e) {
            LOG.warn("ISO 10161 from {}: unreadable input, closing: {}", name, e.getMessage());
            inbound.badlyStructured(this::reply, e.getMessage(), name);
            return;
          } catch (EOFException e) {
            LOG.warn("ISO 10161 from {}: truncated APDU: {}", name, e.getMessage());
            return;
          }
          if (raw == null) {
            LOG.debug("ISO 10161 to {}: closed by the peer", name);
            peer.closedByPeer(this);
            return;
          }
          if (!inbound.handle(raw, socket.getInetAddress(), this::reply, name)) {
            return;
          }
        }
      } catch (IOException e) {
        if (alive) {
          LOG.debug("ISO 10161 connection to {} ended: {}", name, e.toString());
        }
      } finally {
        kill();
      }
    }
  }
}
