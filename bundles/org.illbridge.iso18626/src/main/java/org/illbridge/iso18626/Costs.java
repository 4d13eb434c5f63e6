package org.illbridge.iso18626;

/**
 * An amount of money (type_costs): ISO 4217 currency code and value.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record Costs(
    SchemeValue currencyCode,
    java.math.BigDecimal monetaryValue) {
}
