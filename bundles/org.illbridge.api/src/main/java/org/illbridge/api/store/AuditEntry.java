package org.illbridge.api.store;

import java.time.Instant;

/**
 * One admin or staff action.
 *
 * @param actor who did it (console user, REST client)
 * @param action what, as a short stable code (for example {@code partner.save}, {@code
 *     outbox.resend}); shown to people through the console's message bundle
 * @param bridgeKey the transaction concerned, or null
 * @param partnerKey the partner concerned, or null
 * @param detail free text; must not carry patron data
 */
public record AuditEntry(
    long id, Instant at, String actor, String action, String bridgeKey, String partnerKey,
    String detail) {}
