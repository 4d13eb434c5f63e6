package org.illbridge.iso18626;

/**
 * Publication details. {@code publisherId} exists in 2021 only.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record PublicationInfo(
    String publisher,
    String publisherId,
    SchemeValue publicationType,
    String publicationDate,
    String placeOfPublication) {
}
