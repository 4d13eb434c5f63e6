package org.illbridge.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.IllCodecException;

/**
 * A loopback TCP relay in front of an ISO 10161 peer that timestamps every whole APDU passing
 * towards the peer (framed with the codec's {@link BerCodec#frameLength}); bytes are relayed
 * unchanged both ways. It is how the load generator sees "the lender received it" without
 * changing the simulator.
 */
final class TcpTap implements AutoCloseable {

  /** Called on the relay thread with each whole APDU, before it is passed on. */
  interface Listener {
    void onApdu(byte[] apdu, long nanos);
  }

  private final String name;
  private final int targetPort;
  private final Listener listener;
  private final BerCodec codec = new BerCodec();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService pool;
  private ServerSocket server;

  TcpTap(String name, int targetPort, Listener listener) {
    this.name = name;
    this.targetPort = targetPort;
    this.listener = listener;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "tap-" + name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  TcpTap start() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    Thread acceptor = new Thread(this::acceptLoop, "tap-" + name + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return this;
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket in = server.accept();
        pool.execute(() -> serve(in));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket in) {
    Socket out = new Socket();
    open.add(in);
    open.add(out);
    try (in; out) {
      in.setTcpNoDelay(true);
      out.setTcpNoDelay(true);
      out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
      Future<?> back = pool.submit(() -> pump(out, in, false));
      pump(in, out, true);
      // the peer closes its side after our half-close (bounded by its own timeouts)
      back.get(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      // a side closed: nothing to report beyond what the peers see
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // the peer kept its side open too long: closed below
    } finally {
      open.remove(in);
      open.remove(out);
    }
  }

  /** Copies {@code from} to {@code to}, framing (and timestamping) APDUs when asked. */
  private void pump(Socket from, Socket to, boolean inspect) {
    byte[] buf = new byte[8192];
    int len = 0;
    boolean framing = inspect;
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      while (true) {
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int r = in.read(buf, len, buf.length - len);
        if (r < 0) {
          break;
        }
        if (!framing) {
          out.write(buf, len, r);
          out.flush();
          continue;
        }
        len += r;
        int n;
        try {
          while (len > 0 && (n = codec.frameLength(buf, len)) > 0) {
            listener.onApdu(Arrays.copyOf(buf, n), System.nanoTime());
            out.write(buf, 0, n);
            System.arraycopy(buf, n, buf, 0, len - n);
            len -= n;
          }
        } catch (IllCodecException e) {
          framing = false; // not an APDU stream: relay the rest untouched
        }
        if (!framing && len > 0) {
          out.write(buf, 0, len);
          len = 0;
        }
        out.flush();
      }
      if (len > 0) {
        out.write(buf, 0, len);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(to);
    }
  }

  @Override
  public void close() {
    closeQuietly(server);
    for (Socket s : open) {
      closeQuietly(s);
    }
    pool.shutdownNow();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (Exception ignored) {
      // closing anyway
    }
  }
}
