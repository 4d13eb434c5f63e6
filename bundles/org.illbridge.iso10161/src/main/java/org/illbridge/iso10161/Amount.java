package org.illbridge.iso10161;

/**
 * Amount: ISO 4217 currency code and monetary value as written.
 *
 * @param currencyCode [0]
 * @param monetaryValue [1]
 */
public record Amount(
    String currencyCode,
    String monetaryValue) {
}
