package org.illbridge.iso10161;

/**
 * Person-Or-Institution-Symbol: person-symbol [0] or institution-symbol [1].
 *
 * @param kind which alternative
 * @param value the symbol
 */
public record PersonOrInstitutionSymbol(
    PartyKind kind,
    IllString value) {
}
