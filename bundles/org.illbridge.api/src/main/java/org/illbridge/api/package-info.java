/** ILL Bridge API root: constants shared by all bundles. */
@Version("1.0.0")
package org.illbridge.api;

import org.osgi.annotation.versioning.Version;
