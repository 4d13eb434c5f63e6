package org.illbridge.iso10161.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.api.transport.InboundHandler;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner directory's source-address allow-lists ({@code allowedAddresses}) for APDUs that
 * arrive over TCP, in front of the engine. An ISO 10161 header names the requester and the
 * responder, not which of them sends, so the check is on the ISO 10161 partners the APDU names:
 * when every one of them has an allow-list and none holds the sender's address, the APDU is
 * refused (logged; answered by the listener with a Status-Or-Error-Report, unable-to-perform) and
 * never stored. When a named partner has no allow-list, any address may speak for it, as before
 * allow-lists existed (its {@code allowedAddresses} default is "any").
 */
final class PartnerSourceCheck implements InboundHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerSourceCheck.class);

  private final InboundHandler next;
  private final PartnerDirectory directory;

  PartnerSourceCheck(InboundHandler next, PartnerDirectory directory) {
    this.next = Objects.requireNonNull(next, "next");
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  @Override
  public InboundResult handle(InboundMessage in) {
    String refusal = refusal(in.message(), in.remoteAddress());
    if (refusal != null) {
      LOG.warn("ISO 10161 {} from {} refused: {}", in.message().type(), in.remoteAddress(), refusal);
      return new InboundResult.Rejected(InboundResult.UNKNOWN_AGENCY, refusal);
    }
    return next.handle(in);
  }

  /** Why the sender may not send this, or null when it may. */
  String refusal(IllMessage message, InetAddress remote) {
    List<PartnerEntry> named = new ArrayList<>();
    for (AgencyId id : new AgencyId[] {message.sender(), message.recipient()}) {
      if (id != null) {
        directory.findByAgencyId(id)
            .filter(e -> e.partner().enabled() && e.partner().protocol() == Protocol.ISO10161)
            .ifPresent(named::add);
      }
    }
    if (named.isEmpty()) {
      return null; // an unknown agency: the engine answers it (review queue for a request)
    }
    List<String> keys = new ArrayList<>();
    for (PartnerEntry e : named) {
      if (e.inboundAuth().allowedSources().isEmpty() || e.inboundAuth().allowsSource(remote)) {
        return null;
      }
      keys.add(e.key());
    }
    return "address " + (remote == null ? "?" : remote.getHostAddress())
        + " is not an allowed address of partner " + String.join(" or ", keys);
  }
}
