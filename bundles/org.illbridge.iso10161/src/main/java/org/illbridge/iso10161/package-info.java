/**
 * ISO 10161 ILL protocol version 2: the APDU model (records mirroring the ASN.1 module
 * ISO-10161-ILL-1, EXPLICIT TAGS) and the BER codec {@link org.illbridge.iso10161.BerCodec}.
 */
@Version("1.0.0")
package org.illbridge.iso10161;

import org.osgi.annotation.versioning.Version;
