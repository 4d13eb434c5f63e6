package org.illbridge.iso18626;

/**
 * Where and how the requester wants the item. {@code deliveryMethod} and {@code courierName} exist in 2021 only.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record RequestedDeliveryInfo(
    Integer sortOrder,
    Address address,
    SchemeValue deliveryMethod,
    SchemeValue courierName) {
}
