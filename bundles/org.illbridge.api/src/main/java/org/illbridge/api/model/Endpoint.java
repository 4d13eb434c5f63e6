package org.illbridge.api.model;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a partner receives messages: {@code tcp://host:port} for ISO 10161 over TCP, {@code
 * http(s)://...} for ISO 18626 or BER over HTTP POST. During a server address change a partner
 * has two endpoints and messages go to both until {@code activeUntil} (seed 002: dual delivery).
 *
 * @param uri the address
 * @param activeFrom null for "always"
 * @param activeUntil null for "no end"
 */
public record Endpoint(URI uri, Instant activeFrom, Instant activeUntil) {
  public Endpoint {
    Objects.requireNonNull(uri, "uri");
  }

  /** True when the endpoint should receive messages at the given instant. */
  public boolean activeAt(Instant now) {
    return (activeFrom == null || !now.isBefore(activeFrom))
        && (activeUntil == null || now.isBefore(activeUntil));
  }
}
