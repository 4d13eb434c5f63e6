package org.illbridge.iso10161;

/**
 * Cost-Info-Type.
 *
 * @param accountNumber [0]
 * @param maximumCost [1]
 * @param reciprocalAgreement [2] DEFAULT FALSE
 * @param willPayFee [3] DEFAULT FALSE
 * @param paymentProvided [4] DEFAULT FALSE
 */
public record CostInfoType(
    IllString accountNumber,
    Amount maximumCost,
    boolean reciprocalAgreement,
    boolean willPayFee,
    boolean paymentProvided) {
}
