package org.illbridge.api.transport;

import java.io.IOException;
import java.net.URI;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Delivers encoded bytes to a partner endpoint. Registered with the {@value #PROPERTY_SCHEME}
 * property listing the URI schemes it serves ({@code tcp}, {@code http}, {@code https}) and the
 * protocol it carries.
 */
@ProviderType
public interface Transport {

  String PROPERTY_SCHEME = "illbridge.transport.scheme";

  /**
   * Sends {@code payload} and returns the partner's immediate reply bytes, if the protocol has
   * one (an ISO 18626 confirmation), or an empty array. Throws when delivery failed and should be
   * retried.
   */
  byte[] send(URI endpoint, byte[] payload) throws IOException;
}
