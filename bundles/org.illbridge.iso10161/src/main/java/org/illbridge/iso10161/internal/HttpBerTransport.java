package org.illbridge.iso10161.internal;

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
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * Outbound BER over HTTP POST, for partners that take ISO 10161 APDUs at a URL (Alma's {@code
 * .../view/iso-ill}). 2xx: delivered, the body (possibly a Status-Or-Error-Report) is returned.
 * 4xx with a body: returned too (a protocol answer, resending would not help). Anything else is an
 * IOException, so the outbox retries.
 */
@Component(service = Transport.class, configurationPid = HttpConfig.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = {Transport.PROPERTY_SCHEME + "=http", Transport.PROPERTY_SCHEME + "=https",
        ProtocolCodec.PROPERTY_PROTOCOL + "=ISO10161"})
public final class HttpBerTransport implements Transport {
  private final HttpClient client;
  private final Duration timeout;
  private final int maxBytes;

  @Activate
  public HttpBerTransport(HttpConfig config) {
    this(Duration.ofSeconds(config.timeoutSeconds()), config.maxApduSize());
  }

  public HttpBerTransport(Duration timeout, int maxBytes) {
    this.timeout = timeout;
    this.maxBytes = maxBytes;
    this.client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public byte[] send(URI endpoint, byte[] payload) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build();
    HttpResponse<InputStream> resp;
    try {
      resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while posting to " + endpoint, e);
    }
    byte[] body;
    try (InputStream in = resp.body()) {
      body = in.readNBytes(maxBytes + 1);
    }
    if (body.length > maxBytes) {
      throw new IOException("reply from " + endpoint + " larger than " + maxBytes + " bytes");
    }
    int status = resp.statusCode();
    if (status / 100 == 2 || (status / 100 == 4 && body.length > 0)) {
      return body;
    }
    throw new IOException("HTTP " + status + " from " + endpoint);
  }
}
