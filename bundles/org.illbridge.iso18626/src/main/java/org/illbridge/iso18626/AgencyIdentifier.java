package org.illbridge.iso18626;

/**
 * An agency id: type (e.g. ISIL) and value (type_agencyId).
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record AgencyIdentifier(
    SchemeValue type,
    String value) {
}
