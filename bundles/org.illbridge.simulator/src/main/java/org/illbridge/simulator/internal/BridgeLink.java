package org.illbridge.simulator.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
  private final HttpClient http;

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
    this.http = scheme.equals("tcp") ? null : HttpClient.newBuilder()
        .connectTimeout(Duration.ofMillis(connectTimeoutMs))
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
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
    return http == null ? sendTcp(payload, codec) : sendHttp(payload, contentType);
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

  private byte[] sendHttp(byte[] payload, String contentType) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
        .timeout(Duration.ofMillis(Math.max(connectTimeoutMs, 1000) * 5L))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
    for (String h : headers) {
      int colon = h.indexOf(':');
      b.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
    }
    HttpResponse<byte[]> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending to " + endpoint, e);
    }
    if (r.statusCode() < 200 || r.statusCode() >= 300) {
      throw new IOException("bridge " + endpoint + " answered HTTP " + r.statusCode());
    }
    return r.body();
  }
}
