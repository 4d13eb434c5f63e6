package org.illbridge.iso18626;

/**
 * An e-mail, FTP or other electronic address.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record ElectronicAddress(
    SchemeValue electronicAddressType,
    String electronicAddressData) {
}
