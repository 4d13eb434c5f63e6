package org.illbridge.iso18626;

/**
 * A standard number of the item, e.g. ISBN (element order differs between 2017 and 2021; the codec handles that).
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record BibliographicItemId(
    String identifier,
    SchemeValue code) {
}
