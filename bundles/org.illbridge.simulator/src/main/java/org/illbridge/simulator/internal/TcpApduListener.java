package org.illbridge.simulator.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.illbridge.iso10161.IllCodecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ISO 10161 over TCP, the lender's side: any number of APDUs per connection, each handed to the
 * lender. During a down period the server socket is closed, so connections are refused (as with a
 * partner whose server is off), and opened again on the same port when the period ends.
 */
final class TcpApduListener implements ApduListener {
  private static final Logger LOG = LoggerFactory.getLogger(TcpApduListener.class);
  private static final int MAX_CONNECTIONS = 32;

  private final PartnerRuntime owner;
  private final PartnerSettings settings;
  private final Handler handler;
  private final ThreadPoolExecutor workers;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;
  private volatile int port;
  private volatile boolean closed;

  TcpApduListener(PartnerRuntime owner, PartnerSettings settings, Handler handler) {
    this.owner = owner;
    this.settings = settings;
    this.handler = handler;
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "simulator-" + settings.symbol() + "-conn-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  @Override
  public synchronized void start() throws IOException {
    bind(settings.listenPort());
    for (DownPeriods.Period p : settings.behaviour().downPeriods().periods()) {
      owner.at(p.startMs(), this::goDown);
      owner.at(p.endMs(), this::comeBack);
    }
    if (owner.isDown()) {
      goDown();
    }
  }

  private void bind(int wanted) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getByName(settings.listenHost()), wanted), 50);
    server = s;
    port = s.getLocalPort();
    Thread acceptor = new Thread(() -> acceptLoop(s), "simulator-" + settings.symbol() + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private synchronized void goDown() {
    if (closed || server == null || !owner.isDown()) {
      return;
    }
    LOG.info("Simulated partner {} goes down (connections refused)", settings.symbol());
    closeQuietly(server);
    server = null;
    for (Socket s : open) {
      closeQuietly(s);
    }
  }

  private synchronized void comeBack() {
    if (closed || server != null || owner.isDown()) {
      return;
    }
    try {
      bind(port);
      LOG.info("Simulated partner {} is up again on port {}", settings.symbol(), port);
    } catch (IOException e) {
      LOG.error("Simulated partner {} cannot listen on port {} again: {}", settings.symbol(),
          port, e.toString());
    }
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      Socket socket;
      try {
        socket = s.accept();
      } catch (IOException e) {
        return;
      }
      open.add(socket);
      try {
        workers.execute(() -> {
          try {
            serve(socket);
          } finally {
            open.remove(socket);
            closeQuietly(socket);
          }
        });
      } catch (RejectedExecutionException e) {
        LOG.warn("Simulated partner {}: {} connections open, refusing one", settings.symbol(),
            MAX_CONNECTIONS);
        open.remove(socket);
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
      ApduFrames frames = new ApduFrames(socket, owner.berCodec, settings.timeouts().idleMs(),
          settings.timeouts().readMs());
      while (!closed) {
        byte[] raw = frames.next();
        if (raw == null) {
          return;
        }
        owner.fromBridge(raw, System.nanoTime());
        if (!handler.onApdu(raw)) {
          return;
        }
      }
    } catch (SocketTimeoutException e) {
      LOG.debug("Simulated partner {}: connection idle or slow, closing", settings.symbol());
    } catch (EOFException | IllCodecException e) {
      owner.journal.add(null, "?", Journal.Outcome.UNREADABLE, e.getMessage());
      LOG.warn("Simulated partner {}: bad input, closing: {}", settings.symbol(), e.getMessage());
    } catch (IOException e) {
      LOG.debug("Simulated partner {}: connection ended: {}", settings.symbol(), e.toString());
    }
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String describe() {
    return settings.listenHost() + ":" + port;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (server != null) {
      closeQuietly(server);
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
    workers.shutdownNow();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }
}
