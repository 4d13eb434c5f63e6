package org.illbridge.iso10161;

/**
 * Location-Info.
 *
 * @param id location-id [0]
 * @param address [1]
 * @param note [2]
 */
public record LocationInfo(
    SystemId id,
    SystemAddress address,
    IllString note) {
}
