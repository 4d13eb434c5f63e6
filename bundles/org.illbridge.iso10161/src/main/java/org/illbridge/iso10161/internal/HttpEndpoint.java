package org.illbridge.iso10161.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.illbridge.api.codec.CodecException;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.api.transport.InboundHandler;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.iso10161.ApduType;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.ErrorReport;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.IllString;
import org.illbridge.iso10161.ProviderErrorReport;
import org.illbridge.iso10161.ReportSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code POST /iso10161} does, free of the servlet API: read one APDU within the size limit,
 * decode it, hand it to the engine and answer. 200 with no body: stored. 200 with a
 * Status-Or-Error-Report: stored but refused by the engine. 400 with a Status-Or-Error-Report:
 * not an APDU. 413: too large. 403: sender not allowed. 503: the engine could not store it, so
 * nothing was acknowledged and the partner should send it again.
 *
 * <p>A sender is allowed when its address is in the configured {@code allowedSenders}, or when
 * the APDU names (as requester or responder) an enabled ISO 10161 partner of the directory whose
 * {@code allowedAddresses} contain it. Such a sender learns nothing about an APDU it sent that
 * cannot be read: it gets 403, not the decoding error.
 */
public final class HttpEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

  /** The HTTP answer. */
  public record Response(int status, byte[] body) {}

  private final InboundHandler handler;
  private final BerCodec codec;
  private final Set<String> allowed;
  private final boolean acceptAny;
  private final PartnerDirectory directory;

  public HttpEndpoint(InboundHandler handler, int maxApduSize, Set<String> allowedSenders,
      boolean acceptAnySender) {
    this(handler, maxApduSize, allowedSenders, acceptAnySender, null);
  }

  /**
   * @param directory where partners' allowed source addresses are kept, or null to use
   *     {@code allowedSenders} alone
   */
  public HttpEndpoint(InboundHandler handler, int maxApduSize, Set<String> allowedSenders,
      boolean acceptAnySender, PartnerDirectory directory) {
    this.directory = directory;
    this.handler = handler;
    this.codec = new BerCodec(maxApduSize);
    this.allowed = Set.copyOf(allowedSenders);
    this.acceptAny = acceptAnySender;
  }

  public Response handle(InputStream body, InetAddress remote) throws IOException {
    boolean configured = acceptAny || (remote != null && allowed.contains(remote.getHostAddress()));
    if (!configured && (directory == null || remote == null)) {
      LOG.warn("ISO 10161 over HTTP: refused post from {} (not an allowed sender)", remote);
      return new Response(403, new byte[0]);
    }
    byte[] raw = body.readNBytes(codec.maxApduSize() + 1);
    if (raw.length > codec.maxApduSize()) {
      LOG.warn("ISO 10161 over HTTP from {}: body larger than {} bytes", remote,
          codec.maxApduSize());
      return new Response(413, new byte[0]);
    }
    IllApdu apdu;
    IllMessage message;
    try {
      apdu = codec.decode(raw);
      message = NeutralMapper.toNeutral(apdu, null);
    } catch (CodecException e) {
      if (!configured && !anyPartnerAllows(remote)) {
        LOG.warn("ISO 10161 over HTTP: refused post from {} (not an allowed sender; {} bytes that "
            + "are not an APDU)", remote, raw.length);
        return new Response(403, new byte[0]);
      }
      LOG.warn("ISO 10161 over HTTP from {}: cannot decode {} bytes ({}): {}", remote, raw.length,
          e.kind(), e.getMessage());
      return new Response(400, encode(ErrorReports.report(null,
          new ErrorReport(IllString.of("unknown"), ReportSource.PROVIDER, null,
              new ProviderErrorReport.General(ErrorReports.problemFor(e.kind(), e.getMessage()))),
          e.getMessage(), null)));
    }
    if (!configured && !allowedByDirectory(message, remote)) {
      LOG.warn("ISO 10161 over HTTP: refused {} from {}: not an allowed address of a partner it "
          + "names ({} / {})", apdu.type(), remote, message.sender(), message.recipient());
      return new Response(403, new byte[0]);
    }
    InboundResult result;
    try {
      result = handler.handle(new InboundMessage(Protocol.ISO10161, raw, message, remote, null,
          Instant.now()));
    } catch (RuntimeException e) {
      LOG.error("ISO 10161 over HTTP from {}: {} could not be stored", remote, apdu.type(), e);
      return new Response(503, new byte[0]);
    }
    if (result instanceof InboundResult.Rejected r && apdu.type() != ApduType.STATUS_OR_ERROR_REPORT) {
      LOG.info("ISO 10161 over HTTP from {}: {} {} rejected: {} {}", remote, apdu.type(),
          message.requesterTransactionId(), r.reason(), r.detail());
      return new Response(200, encode(ErrorReports.report(apdu, ErrorReports.forReason(
          r.reason(), NeutralMapper.transactionIdText(apdu.header().transactionId()),
          apdu.type()), r.detail(), null)));
    }
    return new Response(200, new byte[0]);
  }

  /**
   * Whether one of the parties the APDU names (its header names requester and responder, not
   * which of them sends) is an enabled ISO 10161 partner whose allowed addresses hold the sender.
   */
  private boolean allowedByDirectory(IllMessage message, InetAddress remote) {
    for (AgencyId id : new AgencyId[] {message.sender(), message.recipient()}) {
      if (id == null) {
        continue;
      }
      Optional<PartnerEntry> entry = directory.findByAgencyId(id);
      if (entry.isPresent() && entry.get().partner().enabled()
          && entry.get().partner().protocol() == Protocol.ISO10161
          && entry.get().inboundAuth().allowsSource(remote)) {
        return true;
      }
    }
    return false;
  }

  /** For an unreadable post: does the sender's address belong to any ISO 10161 partner at all? */
  private boolean anyPartnerAllows(InetAddress remote) {
    return directory.list().stream().anyMatch(e -> e.partner().enabled()
        && e.partner().protocol() == Protocol.ISO10161 && e.inboundAuth().allowsSource(remote));
  }

  private byte[] encode(IllApdu apdu) {
    try {
      return codec.encode(apdu);
    } catch (CodecException e) {
      // an error report we build ourselves always encodes; never fail the answer for it
      LOG.error("cannot encode Status-Or-Error-Report", e);
      return new byte[0];
    }
  }
}
