package org.illbridge.api.transport;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives every decoded inbound message; implemented by the engine. Transports call it and
 * acknowledge the sender only with its result, so nothing is acknowledged before it is stored.
 */
@ProviderType
public interface InboundHandler {
  InboundResult handle(InboundMessage message);
}
