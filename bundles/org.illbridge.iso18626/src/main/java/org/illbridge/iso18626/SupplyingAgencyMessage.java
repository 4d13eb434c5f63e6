package org.illbridge.iso18626;

/**
 * A message from the supplier: answer, status change, notification.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record SupplyingAgencyMessage(
    Header header,
    MessageInfo messageInfo,
    StatusInfo statusInfo,
    RetryInfo retryInfo,
    DeliveryInfo deliveryInfo,
    ShippingInfo shippingInfo,
    ReturnInfo returnInfo) implements Iso18626Message {
}
