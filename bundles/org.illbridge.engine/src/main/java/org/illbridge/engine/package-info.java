/** What the engine offers other bundles (the REST API, the console): staff actions on transactions. */
@Version("1.2.0")
package org.illbridge.engine;

import org.osgi.annotation.versioning.Version;
