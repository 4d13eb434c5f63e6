package org.illbridge.iso10161;

/**
 * Name-Of-Person-Or-Institution: name-of-person [0] or name-of-institution [1].
 *
 * @param kind which alternative
 * @param value the name
 */
public record NameOfPersonOrInstitution(
    PartyKind kind,
    IllString value) {
}
