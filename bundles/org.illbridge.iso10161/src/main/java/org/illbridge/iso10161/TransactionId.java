package org.illbridge.iso10161;

/**
 * Transaction-Id.
 *
 * @param initialRequesterId initial-requester-id [0], mandatory for sub-transactions
 * @param groupQualifier transaction-group-qualifier [1]
 * @param qualifier transaction-qualifier [2]
 * @param subQualifier sub-transaction-qualifier [3]
 */
public record TransactionId(
    SystemId initialRequesterId,
    IllString groupQualifier,
    IllString qualifier,
    IllString subQualifier) {
}
