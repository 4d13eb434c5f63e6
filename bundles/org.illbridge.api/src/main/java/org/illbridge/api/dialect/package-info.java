/** The partner-dialect SPI: bundles that adapt the neutral model to one vendor's rules (Relais, VDX, Alma, OCLC...). */
@Version("1.1.0")
package org.illbridge.api.dialect;

import org.osgi.annotation.versioning.Version;
