/**
 * Public part of the console bundle: the password hash format shared with the launcher's
 * {@code passwd} command. Everything else in this bundle is internal.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.illbridge.console;
