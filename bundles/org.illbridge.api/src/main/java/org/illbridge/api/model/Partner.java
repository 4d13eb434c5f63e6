package org.illbridge.api.model;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 * @param settings per-partner dialect settings ({@code setting.<key>=value} in a partner
 *     configuration file), which a dialect prefers over its dialect-wide default; never null,
 *     sorted by key, unmodifiable (since 1.1.0)
 * @param blockedLenders keys of the partners this library never wants its requests sent to, its
 *     Blocked Lenders List (seed 000): the rota skips them for requests this partner makes, while
 *     other libraries may still borrow from them; never null, unmodifiable, no duplicates
 *     (since 1.2.0)
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
    boolean enabled,
    Map<String, String> settings,
    List<String> blockedLenders) {

  public Partner {
    Objects.requireNonNull(key, "key");
    settings = settings == null || settings.isEmpty() ? Map.of()
        : Collections.unmodifiableSortedMap(new TreeMap<>(settings));
    settings.forEach((k, v) -> {
      Objects.requireNonNull(k, "setting key");
      Objects.requireNonNull(v, "setting value");
    });
    Objects.requireNonNull(protocol, "protocol");
    ids = ids == null ? List.of() : List.copyOf(ids);
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    blockedLenders = blockedLenders == null || blockedLenders.isEmpty() ? List.of()
        : List.copyOf(new LinkedHashSet<>(blockedLenders));
    dialectId = dialectId == null || dialectId.isBlank() ? "standard" : dialectId;
  }

  /**
   * A partner without a blocked-lenders list: the constructor of version 1.1, kept so that code
   * built against it still links.
   */
  public Partner(String key, String name, List<AgencyId> ids, Protocol protocol, String dialectId,
      List<Endpoint> endpoints, int daysToRespond, boolean blocked, boolean strictParsing,
      boolean notesAllowed, boolean enabled, Map<String, String> settings) {
    this(key, name, ids, protocol, dialectId, endpoints, daysToRespond, blocked, strictParsing,
        notesAllowed, enabled, settings, List.of());
  }

  /**
   * A partner without dialect settings: the constructor of version 1.0, kept so that code built
   * against it still links.
   */
  public Partner(String key, String name, List<AgencyId> ids, Protocol protocol, String dialectId,
      List<Endpoint> endpoints, int daysToRespond, boolean blocked, boolean strictParsing,
      boolean notesAllowed, boolean enabled) {
    this(key, name, ids, protocol, dialectId, endpoints, daysToRespond, blocked, strictParsing,
        notesAllowed, enabled, Map.of(), List.of());
  }

  /** The partner's value for a dialect setting, or null when it has none. */
  public String setting(String name) {
    return settings.get(name);
  }

  /** This partner with other dialect settings. */
  public Partner withSettings(Map<String, String> newSettings) {
    return new Partner(key, name, ids, protocol, dialectId, endpoints, daysToRespond, blocked,
        strictParsing, notesAllowed, enabled, newSettings, blockedLenders);
  }

  /** This partner with another blocked-lenders list (since 1.2.0). */
  public Partner withBlockedLenders(List<String> lenderKeys) {
    return new Partner(key, name, ids, protocol, dialectId, endpoints, daysToRespond, blocked,
        strictParsing, notesAllowed, enabled, settings, lenderKeys);
  }

  /** True when this library's Blocked Lenders List names {@code lenderKey} (since 1.2.0). */
  public boolean blocksLender(String lenderKey) {
    return blockedLenders.contains(lenderKey);
  }

  /** The identifier to use when sending (the first one listed). */
  public AgencyId primaryId() {
    if (ids.isEmpty()) {
      throw new IllegalStateException("partner " + key + " has no agency id");
    }
    return ids.get(0);
  }
}
