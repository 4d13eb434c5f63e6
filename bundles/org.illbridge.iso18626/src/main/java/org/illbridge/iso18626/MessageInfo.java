package org.illbridge.iso18626;

/**
 * Why a supplying agency message is sent. Offered costs and retry dates sit in {@link RetryInfo} for both versions (in 2017 the codec reads and writes them here on the wire).
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record MessageInfo(
    ReasonForMessage reasonForMessage,
    YesNo answerYesNo,
    String note,
    SchemeValue reasonUnfilled,
    SchemeValue reasonRetry) {
}
