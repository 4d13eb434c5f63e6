/**
 * Store SPIs: partner directory, transactions with their message log, patron data, timers and
 * audit trail, the unit of work that commits them together with the durable outbox, and the
 * delivery SPI the outbox worker calls.
 */
@Version("1.6.0")
package org.illbridge.api.store;

import org.osgi.annotation.versioning.Version;
