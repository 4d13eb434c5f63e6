package org.illbridge.iso10161.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.illbridge.api.transport.InboundHandler;
import org.illbridge.iso10161.IllCodecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ISO 10161 over TCP, responder side: accepts connections, reads any number of APDUs per
 * connection, decodes each, hands it to the {@link InboundHandler} and answers with a
 * Status-Or-Error-Report when the handler refuses it or it cannot be decoded. An accepted APDU
 * gets no reply (the protocol has none). After an undecodable APDU the connection is closed,
 * since the peer's framing can no longer be trusted. Plain platform threads: one per connection,
 * bounded by {@link TcpSettings#maxConnections()}; further connections wait in the listen backlog
 * until one ends (never accepted and dropped: a peer that writes and closes would lose its APDU).
 */
public final class ApduServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApduServer.class);

  private final TcpSettings settings;
  private final InboundApdus inbound;
  private final ServerSocket serverSocket;
  private final ExecutorService workers;
  private final Semaphore slots;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean running = true;

  public ApduServer(TcpSettings settings, InboundHandler handler) throws IOException {
    this.settings = settings;
    java.util.Objects.requireNonNull(handler, "handler");
    this.inbound = new InboundApdus(() -> handler, settings.maxApduSize());
    this.slots = new Semaphore(settings.maxConnections());
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf = r -> {
      Thread t = new Thread(r, "iso10161-tcp-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.workers = Executors.newFixedThreadPool(settings.maxConnections(), tf);
    this.serverSocket = new ServerSocket();
    serverSocket.setReuseAddress(true);
    // A deep backlog: connections beyond maxConnections wait there for a free slot.
    serverSocket.bind(new InetSocketAddress(InetAddress.getByName(settings.bindAddress()),
        settings.port()), 1024);
    this.acceptor = new Thread(this::acceptLoop, "iso10161-tcp-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    LOG.info("ISO 10161 TCP listener on {}:{}", settings.bindAddress(), port());
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return serverSocket.getLocalPort();
  }

  private void acceptLoop() {
    long nextBusyWarning = 0;
    while (running) {
      // Take a slot before accepting: beyond maxConnections, peers wait in the listen backlog
      // (their connect completes and what they write is kept for us) instead of being accepted
      // and closed at once, which silently lost the APDU of a peer that writes and closes
      // without waiting for an answer (one connection per APDU, as the simulators and many
      // peers do).
      try {
        if (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
          if (running && System.nanoTime() - nextBusyWarning > 0) {
            LOG.warn("ISO 10161 TCP: all {} connections busy for a second; new ones wait in the"
                + " listen backlog (raise maxConnections if this lasts)", settings.maxConnections());
            nextBusyWarning = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
          }
          continue;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      Socket s;
      try {
        s = serverSocket.accept();
      } catch (IOException e) {
        slots.release();
        if (running) {
          LOG.warn("ISO 10161 TCP accept failed: {}", e.toString());
        }
        continue;
      }
      open.add(s);
      try {
        workers.execute(() -> {
          try {
            serve(s);
          } finally {
            open.remove(s);
            closeQuietly(s);
            slots.release();
          }
        });
      } catch (RuntimeException e) {
        open.remove(s);
        closeQuietly(s);
        slots.release();
      }
    }
  }

  private void serve(Socket s) {
    String peer = String.valueOf(s.getRemoteSocketAddress());
    try {
      s.setTcpNoDelay(true);
      ApduReader reader = new ApduReader(s, settings.maxApduSize(), settings.idleTimeoutMillis(),
          settings.readTimeoutMillis());
      OutputStream out = s.getOutputStream();
      InboundApdus.Replier replier = bytes -> {
        out.write(bytes);
        out.flush();
      };
      while (running) {
        byte[] raw;
        try {
          raw = reader.next();
        } catch (IllCodecException e) {
          LOG.warn("ISO 10161 from {}: unreadable input, closing: {}", peer, e.getMessage());
          inbound.badlyStructured(replier, e.getMessage(), peer);
          return;
        } catch (EOFException e) {
          LOG.warn("ISO 10161 from {}: truncated APDU: {}", peer, e.getMessage());
          // the peer may only have half-closed: tell it why nothing was taken
          inbound.badlyStructured(replier, "truncated APDU", peer);
          return;
        } catch (SocketTimeoutException e) {
          if (reader.pending() > 0) {
            LOG.warn("ISO 10161 from {}: incomplete APDU timed out ({} bytes), closing", peer,
                reader.pending());
            inbound.badlyStructured(replier, "incomplete APDU timed out", peer);
          } else {
            LOG.debug("ISO 10161 from {}: idle, closing", peer);
          }
          return;
        }
        if (raw == null) {
          return;
        }
        if (!inbound.handle(raw, s.getInetAddress(), replier, peer)) {
          return;
        }
      }
    } catch (SocketException e) {
      LOG.debug("ISO 10161 connection {} ended: {}", peer, e.toString());
    } catch (IOException e) {
      LOG.warn("ISO 10161 connection {} failed: {}", peer, e.toString());
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
    workers.shutdownNow();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("ISO 10161 TCP workers still running after stop");
      }
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("ISO 10161 TCP listener stopped");
  }
}
