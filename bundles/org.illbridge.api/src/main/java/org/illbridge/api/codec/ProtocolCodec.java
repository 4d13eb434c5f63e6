package org.illbridge.api.codec;

import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Translates between one protocol's wire bytes and neutral {@link IllMessage}s. Implemented by the
 * protocol bundles (ISO 10161, ISO 18626); registered as a service with the {@value
 * #PROPERTY_PROTOCOL} property.
 */
@ProviderType
public interface ProtocolCodec {

  String PROPERTY_PROTOCOL = "illbridge.protocol";

  Protocol protocol();

  /**
   * Decodes wire bytes into a neutral message. {@code partner} may be null when the sender is not
   * yet known; it decides strict or lenient parsing otherwise.
   */
  IllMessage decode(byte[] wire, Partner partner) throws CodecException;

  /** Encodes a neutral message for the given partner. */
  byte[] encode(IllMessage message, Partner partner) throws CodecException;

  /**
   * Reads the partner's immediate reply to a message just sent (what {@code Transport.send}
   * returned, e.g. an ISO 18626 confirmation) and says whether the partner refused the message:
   * a short description of the refusal (for people and the log, e.g. "UnsupportedActionType:
   * Renew"), or null when the reply accepts it, is empty, or the protocol has no such reply.
   * Resending the same bytes cannot help a refused message.
   *
   * @since 1.1.0
   */
  default String refusal(byte[] reply) {
    return null;
  }
}
