package org.illbridge.iso10161;

/**
 * Units-Per-Medium-Type.
 *
 * @param medium [0]
 * @param units [1] 1..9999
 */
public record UnitsPerMedium(
    MediumType medium,
    int units) {
}
