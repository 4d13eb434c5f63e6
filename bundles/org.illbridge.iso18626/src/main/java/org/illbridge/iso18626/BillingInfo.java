package org.illbridge.iso18626;

/**
 * How the requester pays.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record BillingInfo(
    SchemeValue paymentMethod,
    Costs maximumCosts,
    SchemeValue billingMethod,
    String billingName,
    Address address) {
}
