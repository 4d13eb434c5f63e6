package org.illbridge.api.transport;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Protocol;

/**
 * A message as received from a partner, decoded, with the raw bytes kept for the message log.
 *
 * @param protocol the protocol it arrived in
 * @param raw the exact bytes received
 * @param message the decoded neutral message
 * @param remoteAddress where it came from (for allow-lists and the log)
 * @param authenticatedPartnerKey the partner the transport authenticated, or null
 * @param receivedAt when it arrived
 */
public record InboundMessage(
    Protocol protocol,
    byte[] raw,
    IllMessage message,
    InetAddress remoteAddress,
    String authenticatedPartnerKey,
    Instant receivedAt) {
  public InboundMessage {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(message, "message");
  }
}
