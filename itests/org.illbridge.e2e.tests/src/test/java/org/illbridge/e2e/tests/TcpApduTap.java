package org.illbridge.e2e.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.IllCodecException;

/**
 * A loopback TCP relay in front of a lender: whatever the bridge sends goes through unchanged and
 * every APDU in it is kept, framed and decoded by the project's BER codec, so a test sees what
 * the lender received on the wire. Replies on the same connection go back unchanged.
 */
final class TcpApduTap implements AutoCloseable {
  private final BerCodec codec = new BerCodec();
  private final ServerSocket server;
  private final int targetPort;
  private final List<IllApdu> received = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();

  TcpApduTap(int targetPort) throws IOException {
    this.targetPort = targetPort;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon("tap-accept-" + targetPort, this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** The APDUs the lender received, in order of arrival. */
  List<IllApdu> received() {
    return List.copyOf(received);
  }

  /** Bytes that did not frame or decode as APDUs (empty when all was well-formed). */
  List<String> problems() {
    return List.copyOf(problems);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket in = server.accept();
        Socket out = new Socket();
        try {
          out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
        } catch (IOException refused) {
          in.close(); // the lender is down: so is its tap
          continue;
        }
        daemon("tap-back-" + targetPort, () -> pump(out, in));
        daemon("tap-forth-" + targetPort, () -> forward(in, out));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Bridge -> lender, framing APDUs on the way. */
  private void forward(Socket from, Socket to) {
    byte[] buf = new byte[8192];
    byte[] pending = new byte[0];
    try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int r;
      while ((r = in.read(buf)) >= 0) {
        out.write(buf, 0, r);
        out.flush();
        pending = Arrays.copyOf(pending, pending.length + r);
        System.arraycopy(buf, 0, pending, pending.length - r, r);
        int n;
        while (pending.length > 0 && (n = codec.frameLength(pending, pending.length)) > 0) {
          received.add(codec.decode(Arrays.copyOf(pending, n)));
          pending = Arrays.copyOfRange(pending, n, pending.length);
        }
      }
      to.shutdownOutput();
    } catch (IllCodecException e) {
      problems.add(e.getMessage());
    } catch (IOException e) {
      // connection ended
    }
  }

  /** Lender -> bridge, unchanged. */
  private static void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
      to.shutdownOutput();
    } catch (IOException e) {
      // connection ended
    }
  }

  private static void daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
