package org.illbridge.api.store;

import java.util.List;
import java.util.Optional;
import org.illbridge.api.model.AgencyId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The partners the bridge talks to. Every agency id belongs to at most one partner, so an inbound
 * message is attributed by any of the ids its sender uses.
 */
@ProviderType
public interface PartnerDirectory {

  /**
   * Creates (version 0) or updates (version as read) a partner and records the change in the
   * audit log under {@code actor}.
   *
   * @return the entry as stored, with its new version
   * @throws ConflictException when the entry changed since it was read, the key exists on create,
   *     or one of its agency ids belongs to another partner
   * @throws IllegalArgumentException when the entry is not valid (no agency id, bad key)
   */
  PartnerEntry save(PartnerEntry entry, String actor);

  Optional<PartnerEntry> get(String partnerKey);

  /**
   * The partner known by this id. An id of scheme {@code OTHER} (a sender that did not say which
   * scheme it uses) also matches the same value under any scheme when exactly one partner has it.
   */
  Optional<PartnerEntry> findByAgencyId(AgencyId id);

  /** All partners, ordered by key. */
  List<PartnerEntry> list();

  /** Deletes a partner; returns false when there was none. Audited under {@code actor}. */
  boolean delete(String partnerKey, String actor);
}
