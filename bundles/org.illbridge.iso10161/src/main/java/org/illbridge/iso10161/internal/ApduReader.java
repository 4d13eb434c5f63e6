package org.illbridge.iso10161.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.illbridge.iso10161.IllCodecException;

/**
 * Reads whole BER TLVs (one APDU each) from a socket. The buffer grows only as bytes actually
 * arrive and never beyond the limit, which {@link BerFramer} checks on the length header first.
 * The idle timeout applies between APDUs, the read timeout once an APDU has begun.
 */
final class ApduReader {
  private final Socket socket;
  private final InputStream in;
  private final int maxSize;
  private final int idleTimeout;
  private final int readTimeout;
  private byte[] buf = new byte[4096];
  private int len;
  private long apduStartNanos;

  ApduReader(Socket socket, int maxSize, int idleTimeout, int readTimeout) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.maxSize = maxSize;
    this.idleTimeout = idleTimeout;
    this.readTimeout = readTimeout;
  }

  /**
   * The next APDU, or null at a clean end of stream (peer closed between APDUs).
   *
   * @throws IllCodecException the bytes cannot be an APDU within the limit
   * @throws EOFException the peer closed in the middle of an APDU
   * @throws SocketTimeoutException idle or read timeout
   */
  byte[] next() throws IOException, IllCodecException {
    while (true) {
      if (len > 0) {
        int n = BerFramer.frameLength(buf, 0, len, maxSize);
        if (n > 0) {
          byte[] apdu = Arrays.copyOf(buf, n);
          System.arraycopy(buf, n, buf, 0, len - n);
          len -= n;
          return apdu;
        }
      }
      if (len == buf.length) {
        buf = Arrays.copyOf(buf, Math.min(maxSize + 1, buf.length * 2));
      }
      if (len == 0) {
        socket.setSoTimeout(idleTimeout);
      } else {
        // a whole-APDU deadline, so a peer trickling one byte at a time cannot hold the thread
        long left = readTimeout - (System.nanoTime() - apduStartNanos) / 1_000_000;
        if (left <= 0) {
          throw new SocketTimeoutException("APDU not complete after " + readTimeout + " ms");
        }
        socket.setSoTimeout((int) left);
      }
      int r = in.read(buf, len, buf.length - len);
      if (r < 0) {
        if (len == 0) {
          return null;
        }
        throw new EOFException("connection closed after " + len + " bytes of an APDU");
      }
      if (len == 0) {
        apduStartNanos = System.nanoTime();
      }
      len += r;
    }
  }

  /** Bytes received but not yet part of a complete APDU. */
  int pending() {
    return len;
  }
}
