package org.illbridge.iso10161;

/**
 * System-Address.
 *
 * @param telecomServiceIdentifier [0]
 * @param telecomServiceAddress [1]
 */
public record SystemAddress(
    IllString telecomServiceIdentifier,
    IllString telecomServiceAddress) {
}
