package org.illbridge.iso18626.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import org.illbridge.api.codec.CodecException;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.transport.InboundHandler;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.iso18626.ErrorType;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.iso18626.Iso18626CodecException;
import org.illbridge.iso18626.Iso18626Document;
import org.illbridge.iso18626.Iso18626Message;
import org.illbridge.iso18626.Iso18626Version;
import org.illbridge.iso18626.PartnerAuthenticator;
import org.illbridge.iso18626.Request;
import org.illbridge.iso18626.RequestingAgencyMessage;
import org.illbridge.iso18626.SupplyingAgencyMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code POST /iso18626} does, free of the servlet API so that it can be tested plainly:
 * read the body within the size limit, decode, authenticate the sender, hand the message to the
 * engine and answer with the confirmation. The confirmation is OK only when the engine says the
 * message is stored; when the engine fails (nothing stored) the answer is HTTP 503 without a
 * confirmation, so the partner sends it again.
 */
public final class Iso18626Endpoint {

  private static final Logger LOG = LoggerFactory.getLogger(Iso18626Endpoint.class);

  /** The HTTP answer. */
  public record Response(int status, byte[] body) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Iso18626ProtocolCodec codec;
  private final InboundHandler handler;
  private final PartnerAuthenticator authenticator;
  private final Iso18626Codec firstRead;
  private final int maxBytes;
  private final Iso18626Version defaultVersion;

  /**
   * @param authenticator null to accept any sender (only for closed networks; logged at start)
   */
  public Iso18626Endpoint(Iso18626ProtocolCodec codec, InboundHandler handler, PartnerAuthenticator authenticator,
      int maxBytes, Iso18626Version defaultVersion) {
    this.codec = codec;
    this.handler = handler;
    this.authenticator = authenticator;
    this.maxBytes = maxBytes;
    this.defaultVersion = defaultVersion;
    this.firstRead = codec.codecFor(lenientPartner());
  }

  private static Partner lenientPartner() {
    return new Partner("-", "-", null, Protocol.ISO18626, null, null, 0, false, false, true, true);
  }

  public Response handle(InputStream body, InetAddress remote, Function<String, String> header) {
    Instant receivedAt = Instant.now();
    byte[] raw;
    try {
      raw = LimitedInputStream.readAll(body, maxBytes);
    } catch (IOException e) {
      LOG.warn("ISO 18626 message from {} refused: {}", remote, e.getMessage());
      return error(null, ErrorType.BADLY_FORMED_MESSAGE, e.getMessage(), defaultVersion);
    }
    // First read is lenient: enough to learn who claims to send it; the partner's own mode follows.
    Iso18626Document doc;
    try {
      doc = firstRead.read(raw);
    } catch (Iso18626CodecException e) {
      LOG.info("unreadable ISO 18626 message from {}: {}", remote, e.getMessage());
      return error(e.messageElement(), e.errorType(), e.getMessage(), defaultVersion);
    }
    Iso18626Message message = doc.message();
    Iso18626Version version = doc.version();
    if (message.isConfirmation()) {
      return confirm(message, ErrorType.UNRECOGNISED_DATA_ELEMENT,
          "a confirmation is sent in the HTTP response, never as a request", version);
    }
    IllMessage neutral;
    try {
      neutral = NeutralMapper.toNeutral(doc);
    } catch (CodecException e) {
      return confirm(message, Iso18626CodecException.errorTypeOf(e.kind()), e.getMessage(), version);
    }
    Partner partner = null;
    if (authenticator != null) {
      PartnerAuthenticator.Outcome outcome = authenticator.authenticate(neutral.sender(), remote, header);
      if (!outcome.accepted()) {
        LOG.warn("ISO 18626 message from {} claiming to be {} refused: {}", remote, neutral.sender(), outcome.refusal());
        return confirm(message, ErrorType.UNRECOGNISED_DATA_VALUE,
            "sender " + neutral.sender() + " is not accepted: " + outcome.refusal(), version);
      }
      partner = outcome.partner();
      if (partner == null && !(message instanceof Request)) {
        // Accepted without a partner: a sender the directory does not know. Only its Request may
        // go on (to the engine's review queue); anything else concerns no transaction of ours.
        LOG.warn("ISO 18626 {} from {} refused: agency {} is not a partner of this bridge",
            neutral.type(), remote, neutral.sender());
        return confirm(message, ErrorType.UNRECOGNISED_DATA_VALUE,
            "agency " + neutral.sender() + " is not a partner of this bridge", version);
      }
      if (partner == null) {
        LOG.info("ISO 18626 Request from unknown agency {} ({}) goes to the review queue",
            neutral.sender(), remote);
      }
      if (partner != null && partner.strictParsing()) {
        try {
          neutral = codec.decode(raw, partner);
        } catch (CodecException e) {
          LOG.info("ISO 18626 message from {} refused in strict mode: {}", partner.key(), e.getMessage());
          return confirm(message, e instanceof Iso18626CodecException ie ? ie.errorType()
              : Iso18626CodecException.errorTypeOf(e.kind()), e.getMessage(), version);
        }
      }
    }
    InboundResult result;
    try {
      result = handler.handle(new InboundMessage(Protocol.ISO18626, raw, neutral, remote,
          partner == null ? null : partner.key(), receivedAt));
    } catch (RuntimeException e) {
      LOG.error("engine failed on ISO 18626 message from {}; not confirmed, the partner will resend", remote, e);
      return new Response(503, new byte[0]);
    }
    if (result instanceof InboundResult.Rejected r) {
      LOG.info("ISO 18626 message {} from {} rejected: {} {}", neutral.type(), neutral.sender(), r.reason(), r.detail());
      return confirm(message, errorTypeFor(r.reason(), message), r.detail(), version);
    }
    return confirm(message, null, null, version);
  }

  /** Maps the engine's neutral rejection reasons to ErrorType (table in the README). */
  static ErrorType errorTypeFor(String reason, Iso18626Message message) {
    boolean action = message instanceof RequestingAgencyMessage;
    boolean supplier = message instanceof SupplyingAgencyMessage;
    if (InboundResult.INVALID_STATE.equals(reason) || InboundResult.UNSUPPORTED.equals(reason)) {
      if (action) {
        return ErrorType.UNSUPPORTED_ACTION_TYPE;
      }
      if (supplier) {
        return ErrorType.UNSUPPORTED_REASON_FOR_MESSAGE_TYPE;
      }
      return ErrorType.UNRECOGNISED_DATA_VALUE;
    }
    // unknown agency, unknown transaction, anything else: a value in the message is not known here
    return ErrorType.UNRECOGNISED_DATA_VALUE;
  }

  private Response confirm(Iso18626Message received, ErrorType type, String value, Iso18626Version version) {
    try {
      return new Response(200, XmlCodecSupport.write(Confirmations.confirm(received, type, value), version));
    } catch (Iso18626CodecException e) {
      LOG.error("cannot write ISO 18626 confirmation", e);
      return new Response(500, new byte[0]);
    }
  }

  private Response error(String element, ErrorType type, String value, Iso18626Version version) {
    try {
      return new Response(200, Confirmations.error(element, type, value, version));
    } catch (Iso18626CodecException e) {
      LOG.error("cannot write ISO 18626 confirmation", e);
      return new Response(500, new byte[0]);
    }
  }
}
