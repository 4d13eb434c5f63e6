package org.illbridge.iso10161;

/** The item of an {@link Extension}: a known extension decoded, or the raw encoding of any other. */
public sealed interface ExtensionItem permits ApduDeliveryInfo, OclcIllRequestExtension, RawBer {}
