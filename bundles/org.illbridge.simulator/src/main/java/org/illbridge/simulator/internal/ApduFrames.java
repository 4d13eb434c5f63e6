package org.illbridge.simulator.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.IllCodecException;

/**
 * Reads whole APDUs (one BER TLV each) from a socket, using the codec's framing. The idle timeout
 * applies while waiting for an APDU to begin, the read timeout to the whole of one APDU, so a
 * peer trickling bytes cannot hold a thread.
 */
final class ApduFrames {
  private final Socket socket;
  private final InputStream in;
  private final BerCodec codec;
  private final int idleTimeoutMs;
  private final int readTimeoutMs;
  private byte[] buf = new byte[4096];
  private int len;

  ApduFrames(Socket socket, BerCodec codec, int idleTimeoutMs, int readTimeoutMs)
      throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.codec = codec;
    this.idleTimeoutMs = idleTimeoutMs;
    this.readTimeoutMs = readTimeoutMs;
  }

  /**
   * The next APDU's bytes, or null when the peer closed cleanly between APDUs.
   *
   * @throws SocketTimeoutException nothing (more) came in time
   * @throws EOFException the peer closed in the middle of an APDU
   * @throws IllCodecException the bytes cannot be framed as an APDU within the size limit
   */
  byte[] next() throws IOException, IllCodecException {
    long started = System.nanoTime();
    while (true) {
      if (len > 0) {
        int n = codec.frameLength(buf, len);
        if (n > 0) {
          byte[] apdu = Arrays.copyOf(buf, n);
          System.arraycopy(buf, n, buf, 0, len - n);
          len -= n;
          return apdu;
        }
      }
      if (len == buf.length) {
        buf = Arrays.copyOf(buf, Math.min(codec.maxApduSize() + 1, buf.length * 2));
      }
      if (len == 0) {
        socket.setSoTimeout(idleTimeoutMs);
        started = System.nanoTime();
      } else {
        long left = readTimeoutMs - (System.nanoTime() - started) / 1_000_000;
        if (left <= 0) {
          throw new SocketTimeoutException("APDU not complete after " + readTimeoutMs + " ms");
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
      len += r;
    }
  }
}
