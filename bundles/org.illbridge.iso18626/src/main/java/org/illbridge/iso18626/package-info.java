/**
 * ISO 18626 codec API: the messages of the 2017 (v1.2) and 2021 schemas as immutable records,
 * their code lists as enums, the reader/writer ({@link org.illbridge.iso18626.Iso18626Codec}),
 * the requester/supplier state model and display labels for every code.
 */
@Version("1.1.0")
package org.illbridge.iso18626;

import org.osgi.annotation.versioning.Version;
