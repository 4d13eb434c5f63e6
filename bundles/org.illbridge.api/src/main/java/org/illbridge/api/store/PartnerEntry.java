package org.illbridge.api.store;

import java.time.Instant;
import java.util.Objects;
import org.illbridge.api.model.Partner;

/**
 * A partner as kept in the directory: the neutral {@link Partner} plus what only the bridge needs.
 *
 * @param partner the partner (key, ids, protocol, dialect, endpoints with overlap periods,
 *     days-to-respond, blocked, strict/lenient, notes policy, enabled)
 * @param inboundAuth how the partner authenticates to the bridge
 * @param createdAt when it was first saved (ignored on save)
 * @param updatedAt when it was last saved (ignored on save)
 * @param version optimistic-lock version: 0 to create; the value read to update
 */
public record PartnerEntry(
    Partner partner, InboundAuth inboundAuth, Instant createdAt, Instant updatedAt, long version) {
  public PartnerEntry {
    Objects.requireNonNull(partner, "partner");
    inboundAuth = inboundAuth == null ? InboundAuth.NONE : inboundAuth;
  }

  /** A new entry, to be created by {@link PartnerDirectory#save}. */
  public static PartnerEntry of(Partner partner, InboundAuth inboundAuth) {
    return new PartnerEntry(partner, inboundAuth, null, null, 0);
  }

  public String key() {
    return partner.key();
  }
}
