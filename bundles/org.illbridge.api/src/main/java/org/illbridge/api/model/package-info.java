/** The neutral ILL model shared by every protocol and dialect: agencies, transactions, messages, states. */
@Version("1.2.0")
package org.illbridge.api.model;

import org.osgi.annotation.versioning.Version;
