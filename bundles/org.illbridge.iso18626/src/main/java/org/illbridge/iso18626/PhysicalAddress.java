package org.illbridge.iso18626;

/**
 * A postal address. {@code region} is a scheme/value pair in 2017 and plain text in 2021 (its scheme is then dropped).
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record PhysicalAddress(
    String line1,
    String line2,
    String locality,
    String postalCode,
    SchemeValue region,
    SchemeValue country) {
}
