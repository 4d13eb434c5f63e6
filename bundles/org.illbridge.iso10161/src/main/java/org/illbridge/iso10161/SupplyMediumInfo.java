package org.illbridge.iso10161;

/**
 * Supply-Medium-Info-Type.
 *
 * @param type supply-medium-type [0]
 * @param characteristics medium-characteristics [1]
 */
public record SupplyMediumInfo(
    MediumType type,
    IllString characteristics) {
}
