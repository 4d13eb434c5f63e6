package org.illbridge.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.illbridge.api.codec.ProtocolCodec;
import org.illbridge.api.transport.Transport;
import org.illbridge.rest.WebhookSignature;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * Posts what the engine sends to the home system (the REST codec's JSON) to the home system's
 * webhook URL, signed with HMAC-SHA256 ({@link WebhookSignature}).
 *
 * <p>Schemes: the engine picks a transport by the endpoint URI's scheme only (not by protocol),
 * and the ISO 18626 bundle already serves {@code http}/{@code https}. So the home partner's
 * endpoint is written {@code webhook+https://host/path} (or {@code webhook+http://} for a test
 * set-up) and this transport posts to the URL after the {@code webhook+} prefix.
 *
 * <p>JDK HttpClient, connect and request timeouts, redirects never followed; any non-2xx answer
 * is an IOException, so the outbox retries with backoff. Only offered when {@code webhookSecret}
 * is configured: without it the engine holds messages to the home system instead of sending them
 * unsigned.
 */
@Component(service = Transport.class, configurationPid = RestConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = {Transport.PROPERTY_SCHEME + "=" + WebhookTransport.SCHEME_HTTPS,
        Transport.PROPERTY_SCHEME + "=" + WebhookTransport.SCHEME_HTTP,
        ProtocolCodec.PROPERTY_PROTOCOL + "=REST"})
public final class WebhookTransport implements Transport {

  static final String PREFIX = "webhook+";
  static final String SCHEME_HTTPS = PREFIX + "https";
  static final String SCHEME_HTTP = PREFIX + "http";
  private static final int MAX_REPLY_BYTES = 64 * 1024;

  private final String secret;
  private final HttpClient client;
  private final Duration requestTimeout;
  private final Clock clock;

  @Activate
  public WebhookTransport(RestConfig config) {
    this(config._webhookSecret(), Duration.ofSeconds(Math.max(1, config.webhookConnectTimeoutSeconds())),
        Duration.ofSeconds(Math.max(1, config.webhookRequestTimeoutSeconds())), Clock.systemUTC());
  }

  WebhookTransport(String secret, Duration connectTimeout, Duration requestTimeout, Clock clock) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException(".webhookSecret is not set in org.illbridge.rest: the webhook "
          + "transport is not offered and messages to the home system are held");
    }
    this.secret = secret;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** The http(s) URL a {@code webhook+http(s)} endpoint stands for. */
  static URI target(URI endpoint) throws IOException {
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals(SCHEME_HTTPS) && !scheme.equals(SCHEME_HTTP)) {
      throw new IOException("the webhook transport sends to webhook+https:// or webhook+http:// "
          + "endpoints, not " + endpoint);
    }
    try {
      URI target = new URI(endpoint.toString().substring(PREFIX.length()));
      if (target.getHost() == null) {
        throw new IOException("webhook endpoint " + endpoint + " names no host");
      }
      return target;
    } catch (URISyntaxException e) {
      throw new IOException("bad webhook endpoint " + endpoint, e);
    }
  }

  @Override
  public byte[] send(URI endpoint, byte[] payload) throws IOException {
    URI target = target(endpoint);
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(requestTimeout)
        .header("Content-Type", "application/json; charset=UTF-8")
        .header("User-Agent", "ILL-Bridge-Webhook/1")
        .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, payload))
        .header(WebhookSignature.TIMESTAMP_HEADER, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
        .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
        .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while posting to " + target, e);
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      // Read (a bounded part of) the answer so the connection can be reused; its content is not used.
      body.readNBytes(MAX_REPLY_BYTES);
      if (status < 200 || status >= 300) {
        throw new IOException("home system webhook " + target + " answered HTTP " + status);
      }
      return new byte[0];
    }
  }
}
