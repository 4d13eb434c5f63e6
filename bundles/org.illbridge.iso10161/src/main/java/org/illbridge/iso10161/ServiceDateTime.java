package org.illbridge.iso10161;

/**
 * Service-Date-Time.
 *
 * @param thisService date-time-of-this-service [0]
 * @param originalService date-time-of-original-service [1]
 */
public record ServiceDateTime(
    IsoDateTime thisService,
    IsoDateTime originalService) {
}
