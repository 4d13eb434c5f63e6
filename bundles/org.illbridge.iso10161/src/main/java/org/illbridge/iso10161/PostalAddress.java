package org.illbridge.iso10161;

/**
 * Postal-Address.
 *
 * @param name name-of-person-or-institution [0]
 * @param extendedPostalDeliveryAddress [1]
 * @param streetAndNumber [2]
 * @param postOfficeBox [3]
 * @param city [4]
 * @param region [5]
 * @param country [6]
 * @param postalCode [7]
 */
public record PostalAddress(
    NameOfPersonOrInstitution name,
    IllString extendedPostalDeliveryAddress,
    IllString streetAndNumber,
    IllString postOfficeBox,
    IllString city,
    IllString region,
    IllString country,
    IllString postalCode) {
}
