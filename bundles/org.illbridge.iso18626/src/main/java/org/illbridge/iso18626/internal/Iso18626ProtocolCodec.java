package org.illbridge.iso18626.internal;

import org.illbridge.api.codec.CodecException;
import org.illbridge.api.codec.ProtocolCodec;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.iso18626.ErrorData;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.iso18626.Iso18626CodecException;
import org.illbridge.iso18626.Iso18626Document;
import org.illbridge.iso18626.Iso18626Version;
import org.illbridge.iso18626.MessageStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ISO 18626 {@link ProtocolCodec}: XML bytes to neutral messages and back (mapping in {@link NeutralMapper}). */
@Component(service = ProtocolCodec.class, configurationPid = CodecConfig.PID,
    property = ProtocolCodec.PROPERTY_PROTOCOL + "=ISO18626")
@Designate(ocd = CodecConfig.class)
public final class Iso18626ProtocolCodec implements ProtocolCodec {
  private static final Logger LOG = LoggerFactory.getLogger(Iso18626ProtocolCodec.class);

  private final Iso18626Codec strict;
  private final Iso18626Codec lenient;
  private final boolean strictWhenUnknown;
  private final Iso18626Version outboundVersion;

  @Activate
  public Iso18626ProtocolCodec(CodecConfig config) {
    Iso18626Codec.Options base = new Iso18626Codec.Options(true, config.validate(), config.validateOutbound(),
        config.maxBytes(), config.maxDepth(), Iso18626Codec.Options.DEFAULT_MAX_ELEMENTS);
    this.strict = new Iso18626Codec(base);
    this.lenient = new Iso18626Codec(base.withStrict(false));
    this.strictWhenUnknown = config.strictWhenUnknown();
    Iso18626Version v = Iso18626Version.fromAttribute(config.outboundVersion());
    this.outboundVersion = v == null ? Iso18626Version.V2017 : v;
  }

  /** The codec used for a partner (its strict/lenient setting). */
  public Iso18626Codec codecFor(Partner partner) {
    boolean useStrict = partner == null ? strictWhenUnknown : partner.strictParsing();
    return useStrict ? strict : lenient;
  }

  @Override
  public Protocol protocol() {
    return Protocol.ISO18626;
  }

  @Override
  public IllMessage decode(byte[] wire, Partner partner) throws CodecException {
    Iso18626Document doc = codecFor(partner).read(wire);
    return NeutralMapper.toNeutral(doc);
  }

  /**
   * A confirmation with MessageStatus ERROR: its first ErrorData as "ErrorType: value". A reply
   * that is not a confirmation, or cannot be read, is not taken as a refusal: the HTTP exchange
   * succeeded and the message may well have been applied (the reply stays in the debug log).
   */
  @Override
  public String refusal(byte[] reply) {
    if (reply == null || !contains(reply, ERROR_STATUS)) {
      return null; // an OK confirmation needs no parsing: MessageStatus ERROR is written as is
    }
    try {
      NeutralMapper.ConfirmationParts c = NeutralMapper.confirmation(lenient.read(reply).message());
      if (c == null || c.header() == null || c.header().messageStatus() != MessageStatus.ERROR) {
        return null;
      }
      if (c.errors().isEmpty()) {
        return "ERROR";
      }
      ErrorData e = c.errors().get(0);
      String type = e.errorType() == null ? "ERROR" : e.errorType().code();
      return e.errorValue() == null || e.errorValue().isBlank() ? type : type + ": " + e.errorValue();
    } catch (Iso18626CodecException | RuntimeException unreadable) {
      LOG.debug("Reply to a sent message is not a readable ISO 18626 confirmation", unreadable);
      return null;
    }
  }

  private static final byte[] ERROR_STATUS = "ERROR".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public byte[] encode(IllMessage message, Partner partner) throws CodecException {
    Iso18626Version version = Iso18626Version.fromAttribute(message.attributes().get(NeutralMapper.A_VERSION));
    if (version == null) {
      version = outboundVersion;
    }
    return strict.write(NeutralMapper.fromNeutral(message, version), version);
  }
}
