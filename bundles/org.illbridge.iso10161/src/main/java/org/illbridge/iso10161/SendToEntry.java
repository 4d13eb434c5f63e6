package org.illbridge.iso10161;

/**
 * One entry of Send-To-List-Type.
 *
 * @param systemId [0]
 * @param accountNumber [1]
 * @param systemAddress [2]
 */
public record SendToEntry(
    SystemId systemId,
    IllString accountNumber,
    SystemAddress systemAddress) {
}
