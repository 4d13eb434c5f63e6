package org.illbridge.iso10161;

/**
 * Delivery-Address.
 *
 * @param postalAddress [0]
 * @param electronicAddress [1]
 */
public record DeliveryAddress(
    PostalAddress postalAddress,
    SystemAddress electronicAddress) {
}
