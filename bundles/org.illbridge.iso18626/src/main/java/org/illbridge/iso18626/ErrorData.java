package org.illbridge.iso18626;

/**
 * Why a message was refused.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record ErrorData(
    ErrorType errorType,
    String errorValue) {
}
