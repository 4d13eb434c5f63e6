package org.illbridge.iso10161;

/**
 * Electronic-Delivery-Service. The ANY parameters are kept as encoded bytes. Exactly one of deliveryAddress and deliveryId is set (e-delivery-details CHOICE).
 *
 * @param deliveryMode e-delivery-service.e-delivery-mode OID (dotted), or null when e-delivery-service is absent
 * @param deliveryParameters e-delivery-service.e-delivery-parameters
 * @param documentTypeId document-type.document-type-id OID, or null when document-type is absent
 * @param documentTypeParameters document-type.document-type-parameters
 * @param description e-delivery-description [4]
 * @param deliveryAddress e-delivery-details.e-delivery-address
 * @param deliveryId e-delivery-details.e-delivery-id
 * @param nameOrCode name-or-code [6]
 * @param deliveryTime delivery-time [7] HHMMSS
 */
public record ElectronicDeliveryService(
    String deliveryMode,
    RawBer deliveryParameters,
    String documentTypeId,
    RawBer documentTypeParameters,
    IllString description,
    SystemAddress deliveryAddress,
    SystemId deliveryId,
    IllString nameOrCode,
    String deliveryTime) {
}
