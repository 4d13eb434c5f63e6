package org.illbridge.iso10161;

/**
 * Client-Id: the patron as the requester describes them (personal data).
 *
 * @param name client-name [0]
 * @param status client-status [1]
 * @param identifier client-identifier [2]
 */
public record ClientId(
    IllString name,
    IllString status,
    IllString identifier) {
}
