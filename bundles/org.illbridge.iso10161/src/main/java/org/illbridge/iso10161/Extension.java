package org.illbridge.iso10161;

/**
 * Extension: identifier, critical flag and the item. Items the codec knows are decoded ({@link ApduDeliveryInfo}, {@link OclcIllRequestExtension}); anything else is a {@link RawBer} passed through.
 *
 * @param identifier [0]
 * @param critical [1] DEFAULT FALSE
 * @param item [2]
 */
public record Extension(
    long identifier,
    boolean critical,
    ExtensionItem item) {
}
