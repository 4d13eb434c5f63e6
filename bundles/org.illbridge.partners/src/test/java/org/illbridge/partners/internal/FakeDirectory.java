package org.illbridge.partners.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.store.ConflictException;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;

/** An in-memory directory with the store's version and unique-id rules; records every save. */
final class FakeDirectory implements PartnerDirectory {
  final Map<String, PartnerEntry> entries = new TreeMap<>();
  final List<String> actors = new ArrayList<>();
  /** Saves that fail with a conflict before succeeding (a concurrent writer). */
  int conflictsToInject;
  boolean deleted;

  @Override
  public synchronized PartnerEntry save(PartnerEntry entry, String actor) {
    if (conflictsToInject > 0) {
      conflictsToInject--;
      PartnerEntry cur = entries.get(entry.key());
      if (cur != null) { // someone else saved in between: the version moves on
        entries.put(cur.key(), new PartnerEntry(cur.partner(), cur.inboundAuth(), cur.createdAt(),
            cur.updatedAt(), cur.version() + 1));
      }
      throw new ConflictException("injected conflict");
    }
    if (entry.partner().ids().isEmpty()) {
      throw new IllegalArgumentException("no agency id");
    }
    PartnerEntry cur = entries.get(entry.key());
    long expected = cur == null ? 0 : cur.version();
    if (entry.version() != expected) {
      throw new ConflictException("version " + entry.version() + " but stored " + expected);
    }
    for (PartnerEntry other : entries.values()) {
      if (!other.key().equals(entry.key())) {
        for (AgencyId id : entry.partner().ids()) {
          if (other.partner().ids().contains(id)) {
            throw new ConflictException(id + " belongs to partner " + other.key());
          }
        }
      }
    }
    Instant now = Instant.now();
    PartnerEntry saved = new PartnerEntry(entry.partner(), entry.inboundAuth(),
        cur == null ? now : cur.createdAt(), now, expected + 1);
    entries.put(entry.key(), saved);
    actors.add(actor);
    return saved;
  }

  @Override
  public synchronized Optional<PartnerEntry> get(String partnerKey) {
    return Optional.ofNullable(entries.get(partnerKey));
  }

  @Override
  public synchronized Optional<PartnerEntry> findByAgencyId(AgencyId id) {
    return entries.values().stream().filter(e -> e.partner().ids().contains(id)).findFirst();
  }

  @Override
  public synchronized List<PartnerEntry> list() {
    return List.copyOf(entries.values());
  }

  @Override
  public synchronized boolean delete(String partnerKey, String actor) {
    deleted = true;
    return entries.remove(partnerKey) != null;
  }
}
