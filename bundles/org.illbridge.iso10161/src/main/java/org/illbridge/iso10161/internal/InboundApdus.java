package org.illbridge.iso10161.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.function.Supplier;
import org.illbridge.api.codec.CodecException;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.transport.InboundHandler;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.iso10161.ApduType;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.ErrorReport;
import org.illbridge.iso10161.GeneralProblem;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.IllString;
import org.illbridge.iso10161.ProviderErrorReport;
import org.illbridge.iso10161.ReportSource;
import org.illbridge.iso10161.UnableToPerform;
import org.illbridge.iso10161.UserErrorReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound path of one APDU read from a TCP connection, whichever side opened it (the listener
 * {@link ApduServer} or the outbound {@link TcpTransport}, which reads what a peer sends back on
 * its connections): decode, hand to the {@link InboundHandler}, answer a refusal or undecodable
 * input with a Status-Or-Error-Report, never answer a report with a report.
 */
final class InboundApdus {
  private static final Logger LOG = LoggerFactory.getLogger(InboundApdus.class);

  /** Writes one encoded APDU back on the connection it came from. */
  interface Replier {
    void send(byte[] apdu) throws IOException;
  }

  private final Supplier<InboundHandler> handler;
  private final BerCodec codec;

  InboundApdus(Supplier<InboundHandler> handler, int maxApduSize) {
    this.handler = handler;
    this.codec = new BerCodec(maxApduSize);
  }

  /**
   * Decodes and hands over one APDU.
   *
   * @return false when the connection must be closed (undecodable input, handler failure)
   */
  boolean handle(byte[] raw, InetAddress from, Replier out, String peer) {
    IllApdu apdu;
    IllMessage message;
    try {
      apdu = codec.decode(raw);
      message = NeutralMapper.toNeutral(apdu, null);
    } catch (CodecException e) {
      LOG.warn("ISO 10161 from {}: cannot decode APDU of {} bytes ({}), closing: {}", peer,
          raw.length, e.kind(), e.getMessage());
      reply(out, null, general(ErrorReports.problemFor(e.kind(), e.getMessage())),
          e.getMessage(), peer);
      return false;
    }
    InboundHandler h = handler.get();
    if (h == null) {
      // Only the outbound side can get here (the listener runs only with a handler).
      LOG.warn("ISO 10161 from {}: {} {} arrived while no engine is running; not stored", peer,
          apdu.type(), message.requesterTransactionId());
      if (apdu.type() != ApduType.STATUS_OR_ERROR_REPORT) {
        reply(out, apdu, unableToPerform(apdu), "temporarily unable to process; please resend", peer);
      }
      return true;
    }
    InboundResult result;
    try {
      result = h.handle(new InboundMessage(Protocol.ISO10161, raw, message, from, null,
          Instant.now()));
    } catch (RuntimeException e) {
      LOG.error("ISO 10161 from {}: {} {} could not be stored; telling the peer", peer,
          apdu.type(), message.requesterTransactionId(), e);
      if (apdu.type() != ApduType.STATUS_OR_ERROR_REPORT) {
        reply(out, apdu, unableToPerform(apdu), "temporarily unable to process; please resend", peer);
      }
      return false;
    }
    if (result instanceof InboundResult.Rejected rejected) {
      LOG.info("ISO 10161 from {}: {} {} rejected: {} {}", peer, apdu.type(),
          message.requesterTransactionId(), rejected.reason(), rejected.detail());
      // never answer an error report with an error report: two bridges would loop
      if (apdu.type() != ApduType.STATUS_OR_ERROR_REPORT) {
        reply(out, apdu, ErrorReports.forReason(rejected.reason(), corrText(apdu), apdu.type()),
            rejected.detail(), peer);
      }
    } else {
      LOG.debug("ISO 10161 from {}: {} {} accepted", peer, apdu.type(),
          message.requesterTransactionId());
    }
    return true;
  }

  /** Tells the peer its bytes were not an APDU (before the connection is closed). */
  void badlyStructured(Replier out, String note, String peer) {
    reply(out, null, general(GeneralProblem.BADLY_STRUCTURED_APDU), note, peer);
  }

  private static ErrorReport unableToPerform(IllApdu apdu) {
    return new ErrorReport(IllString.of(corrText(apdu)), ReportSource.USER,
        new UserErrorReport.UnableToPerformReport(UnableToPerform.RESOURCE_LIMITATION), null);
  }

  private static ErrorReport general(GeneralProblem p) {
    return new ErrorReport(IllString.of("unknown"), ReportSource.PROVIDER, null,
        new ProviderErrorReport.General(p));
  }

  private static String corrText(IllApdu apdu) {
    return NeutralMapper.transactionIdText(apdu.header().transactionId());
  }

  private void reply(Replier out, IllApdu about, ErrorReport error, String note, String peer) {
    try {
      out.send(codec.encode(ErrorReports.report(about, error, note, null)));
    } catch (IOException | CodecException e) {
      LOG.debug("ISO 10161: could not send Status-Or-Error-Report to {}: {}", peer, e.toString());
    }
  }
}
