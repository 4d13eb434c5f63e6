/** Store SPIs: partner directory, transactions, message log and the durable outbox. */
@Version("1.0.0")
package org.illbridge.api.store;

import org.osgi.annotation.versioning.Version;
