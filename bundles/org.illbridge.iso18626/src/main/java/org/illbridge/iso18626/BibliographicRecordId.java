package org.illbridge.iso18626;

/**
 * A catalogue record number, e.g. OCLC or LCCN.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record BibliographicRecordId(
    SchemeValue code,
    String identifier) {
}
