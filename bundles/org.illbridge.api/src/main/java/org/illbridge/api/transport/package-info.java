/** Transport SPI: how bytes reach a partner (TCP, HTTP POST) and how inbound messages reach the engine. */
@Version("1.0.0")
package org.illbridge.api.transport;

import org.osgi.annotation.versioning.Version;
