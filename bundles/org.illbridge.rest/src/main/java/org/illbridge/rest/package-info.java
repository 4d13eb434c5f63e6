/**
 * The home ILL system's interface: what a home system (or its integrator) needs besides the HTTP
 * API itself, such as verifying the signature of the bridge's webhooks.
 */
@Version("1.0.0")
package org.illbridge.rest;

import org.osgi.annotation.versioning.Version;
