package org.illbridge.api.model;

import java.util.List;
import java.util.Objects;

/**
 * A library the bridge exchanges messages with, as kept in the partner directory.
 *
 * @param key the directory's stable key for the partner
 * @param name human-readable name
 * @param ids every identifier the partner is known by (several per partner, seed 000: UBC is
 *     BVAU and BKU)
 * @param protocol protocol spoken
 * @param dialectId id of the {@code Dialect} that applies its rules ("standard" for none)
 * @param endpoints where to send; more than one during an address change
 * @param daysToRespond how long a lender has before the rota moves on (seed 000: 7-10 for Relais)
 * @param blocked true when no request may be routed to it
 * @param strictParsing true to refuse non-conforming messages, false to normalise them with a
 *     warning
 * @param notesAllowed false when notes must not be sent to this partner (seed 000)
 * @param enabled false when the partner is switched off by an admin
 */
public record Partner(
    String key,
    String name,
    List<AgencyId> ids,
    Protocol protocol,
    String dialectId,
    List<Endpoint> endpoints,
    int daysToRespond,
    boolean blocked,
    boolean strictParsing,
    boolean notesAllowed,
    boolean enabled) {

  public Partner {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(protocol, "protocol");
    ids = ids == null ? List.of() : List.copyOf(ids);
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    dialectId = dialectId == null || dialectId.isBlank() ? "standard" : dialectId;
  }

  /** The identifier to use when sending (the first one listed). */
  public AgencyId primaryId() {
    if (ids.isEmpty()) {
      throw new IllegalStateException("partner " + key + " has no agency id");
    }
    return ids.get(0);
  }
}
