package org.illbridge.simulator.internal;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.illbridge.api.model.AgencyId;

/**
 * Everything a simulated partner needs, checked once.
 *
 * @param agencyId the partner's own agency id ({@code SCHEME:VALUE}; on ISO 10161 its symbol)
 * @param kind which vendor it behaves like
 * @param listenHost address it listens on (loopback unless told otherwise)
 * @param listenPort port it listens on; 0 picks a free one
 * @param listenPath HTTP path it takes messages at (ALMA_HTTP, ISO18626)
 * @param bridgeEndpoint where it sends its answers: the bridge's ISO 10161 listener
 *     ({@code tcp://host:port}) or its ISO 18626 endpoint ({@code http://host:port/iso18626})
 * @param bridgeHeaders extra HTTP headers towards the bridge ({@code Name: value})
 * @param behaviour fill rate, delays, losses, down periods, malformed replies, seed
 * @param timeouts socket time limits
 */
public record PartnerSettings(AgencyId agencyId, PartnerKind kind, String listenHost,
    int listenPort, String listenPath, URI bridgeEndpoint, List<String> bridgeHeaders,
    Behaviour behaviour, Timeouts timeouts) {

  /**
   * Time limits, in milliseconds.
   *
   * @param connectMs connecting to the bridge (and each HTTP exchange, times five)
   * @param replyWaitMs waiting for the bridge's immediate answer on a TCP connection
   * @param idleMs an inbound connection with no APDU begun is closed after this
   * @param readMs one inbound APDU must arrive completely within this
   */
  public record Timeouts(int connectMs, int replyWaitMs, int idleMs, int readMs) {
    public Timeouts {
      if (connectMs <= 0 || replyWaitMs < 0 || idleMs <= 0 || readMs <= 0) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
    }

    public static Timeouts defaults() {
      return new Timeouts(5000, 300, 30_000, 10_000);
    }
  }

  public PartnerSettings {
    Objects.requireNonNull(agencyId, "agencyId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(bridgeEndpoint, "bridgeEndpoint");
    Objects.requireNonNull(behaviour, "behaviour");
    listenHost = listenHost == null || listenHost.isBlank() ? "127.0.0.1" : listenHost.trim();
    if (listenPort < 0 || listenPort > 65535) {
      throw new IllegalArgumentException("listen port out of range: " + listenPort);
    }
    if (listenPath == null || listenPath.isBlank()) {
      listenPath = kind == PartnerKind.ALMA_HTTP ? "/view/iso-ill" : "/iso18626";
    } else if (!listenPath.startsWith("/")) {
      listenPath = "/" + listenPath.trim();
    }
    bridgeHeaders = bridgeHeaders == null ? List.of() : List.copyOf(bridgeHeaders);
    timeouts = timeouts == null ? Timeouts.defaults() : timeouts;
  }

  /** The partner's symbol on ISO 10161: the bare value for ISIL and OTHER, else SCHEME:VALUE. */
  public String symbol() {
    return switch (agencyId.scheme()) {
      case ISIL, OTHER -> agencyId.value();
      default -> agencyId.toString();
    };
  }
}
