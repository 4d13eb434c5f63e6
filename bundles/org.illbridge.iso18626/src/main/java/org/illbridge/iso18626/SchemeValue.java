package org.illbridge.iso18626;

/**
 * A value of an open code list or identifier with its optional scheme URI (type_schemeValuePair).
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record SchemeValue(
    String value,
    String scheme) {
}
