package org.illbridge.simulator.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.IllCodecException;

/**
 * How a simulated partner reaches the bridge, as real peers do: ISO 10161 by opening a TCP
 * connection per APDU ({@code tcp://host:port}), or anything by HTTP POST ({@code http://...}).
 * Every step has a time limit.
 */
final class BridgeLink {
  private final URI endpoint;
  private final int connectTimeoutMs;
  private final int replyWaitMs;
  private final List<String> headers;
  private final boolean http;

  /**
   * @param endpoint the bridge's listener
   * @param connectTimeoutMs connect (and HTTP request) time limit
   * @param replyWaitMs how long to wait for an immediate answer on a TCP connection (the bridge
   *     answers a refused APDU with a Status-Or-Error-Report; an accepted one gets nothing)
   * @param headers extra HTTP headers, {@code Name: value} each (partner authentication)
   */
  BridgeLink(URI endpoint, int connectTimeoutMs, int replyWaitMs, List<String> headers) {
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase();
    if (!scheme.equals("tcp") && !scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("bridge endpoint must be tcp://host:port or http(s)://..., got "
          + endpoint);
    }
    if (endpoint.getHost() == null || (scheme.equals("tcp") && endpoint.getPort() <= 0)) {
      throw new IllegalArgumentException("bridge endpoint has no host or port: " + endpoint);
    }
    for (String h : headers) {
      if (h.indexOf(':') <= 0) {
        throw new IllegalArgumentException("header '" + h + "' is not 'Name: value'");
      }
    }
    this.endpoint = endpoint;
    this.connectTimeoutMs = connectTimeoutMs;
    this.replyWaitMs = replyWaitMs;
    this.headers = List.copyOf(headers);
    this.http = !scheme.equals("tcp");
  }

  URI endpoint() {
    return endpoint;
  }

  /**
   * Sends one message and returns the immediate answer (empty when none).
   *
   * @param contentType used for HTTP only
   * @throws IOException the bridge could not be reached or answered with an HTTP error
   */
  byte[] send(byte[] payload, String contentType, BerCodec codec) throws IOException {
    return http ? sendHttp(payload, contentType) : sendTcp(payload, codec);
  }

  private byte[] sendTcp(byte[] payload, BerCodec codec) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), connectTimeoutMs);
      s.setTcpNoDelay(true);
      s.getOutputStream().write(payload);
      s.getOutputStream().flush();
      s.shutdownOutput();
      if (replyWaitMs <= 0) {
        return new byte[0];
      }
      ApduFrames frames = new ApduFrames(s, codec, replyWaitMs, replyWaitMs);
      try {
        byte[] reply = frames.next();
        return reply == null ? new byte[0] : reply;
      } catch (SocketTimeoutException | EOFException | IllCodecException e) {
        return new byte[0];
      }
    }
  }

  /**
   * One blocking POST on the JDK's {@link HttpURLConnection} (kept-alive connections). It was the
   * JDK's asynchronous {@code java.net.http.HttpClient}, which cost about twice the CPU per message
   * (its selector and executor hand-offs; measured with the load generator, which runs the
   * simulators on the bridge's cores). Fixed-length streaming, so a failed POST is never re-sent
   * silently by the connection; the partner's own attempts (above) decide.
   */
  private byte[] sendHttp(byte[] payload, String contentType) throws IOException {
    HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setConnectTimeout(connectTimeoutMs);
    c.setReadTimeout(Math.max(connectTimeoutMs, 1000) * 5);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setFixedLengthStreamingMode(payload.length);
    c.setRequestProperty("Content-Type", contentType);
    for (String h : headers) {
      int colon = h.indexOf(':');
      c.setRequestProperty(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
    }
    try (OutputStream out = c.getOutputStream()) {
      out.write(payload);
    }
    int status = c.getResponseCode();
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    byte[] body;
    if (in == null) {
      body = new byte[0];
    } else {
      try (in) {
        body = in.readAllBytes(); // also an error's body: the connection stays usable
      }
    }
    if (status < 200 || status >= 300) {
      throw new IOException("bridge " + endpoint + " answered HTTP " + status);
    }
    return body;
  }
}
