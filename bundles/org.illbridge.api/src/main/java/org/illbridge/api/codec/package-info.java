/** Codec SPI: turns a protocol's bytes into neutral messages and back. */
@Version("1.1.0")
package org.illbridge.api.codec;

import org.osgi.annotation.versioning.Version;
