/**
 * What the engine offers other bundles (the REST API, the console): staff actions on
 * transactions. Implemented by the engine bundle, which exports nothing itself (1.0.0 here is
 * {@code org.illbridge.engine} 1.2.0 moved into the API bundle).
 */
@Version("1.0.0")
package org.illbridge.api.engine;

import org.osgi.annotation.versioning.Version;
