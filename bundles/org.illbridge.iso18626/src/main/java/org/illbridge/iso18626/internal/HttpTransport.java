package org.illbridge.iso18626.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.illbridge.api.codec.ProtocolCodec;
import org.illbridge.api.transport.Transport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Sends ISO 18626 messages by HTTP(S) POST with the JDK HttpClient and returns the confirmation
 * bytes. Redirects are never followed (a partner's address changes through the directory, not
 * through a 3xx). TLS uses the JVM's trust store. Non-2xx answers and bodies over the size limit
 * are IOExceptions, so the outbox retries.
 */
@Component(service = Transport.class, configurationPid = CodecConfig.PID,
    property = {Transport.PROPERTY_SCHEME + "=http", Transport.PROPERTY_SCHEME + "=https",
        ProtocolCodec.PROPERTY_PROTOCOL + "=ISO18626"})
public final class HttpTransport implements Transport {

  private final HttpClient client;
  private final Duration requestTimeout;
  private final int maxBytes;

  @Activate
  public HttpTransport(CodecConfig config) {
    this(Duration.ofSeconds(config.connectTimeoutSeconds()), Duration.ofSeconds(config.requestTimeoutSeconds()),
        config.maxBytes());
  }

  HttpTransport(Duration connectTimeout, Duration requestTimeout, int maxBytes) {
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    this.requestTimeout = requestTimeout;
    this.maxBytes = maxBytes;
  }

  @Override
  public byte[] send(URI endpoint, byte[] payload) throws IOException {
    String scheme = endpoint.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IOException("ISO 18626 transport cannot send to " + endpoint);
    }
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(requestTimeout)
        .header("Content-Type", "application/xml; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
        .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending to " + endpoint, e);
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status < 200 || status >= 300) {
        throw new IOException("partner " + endpoint + " answered HTTP " + status);
      }
      return LimitedInputStream.readAll(body, maxBytes);
    }
  }

  @Deactivate
  void deactivate() {
    // HttpClient has no close() before Java 21; its threads end when it is unreachable.
  }
}
