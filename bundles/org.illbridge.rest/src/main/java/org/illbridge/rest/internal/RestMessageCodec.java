package org.illbridge.rest.internal;

import org.illbridge.api.codec.CodecException;
import org.illbridge.api.codec.ProtocolCodec;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The {@link ProtocolCodec} for {@link Protocol#REST}: the neutral message as JSON ({@link
 * MessageJson}). The engine encodes with it what it sends to the home system (then the webhook
 * transport posts it) and decodes with it the logged original of a home-system request when the
 * rota rebuilds the request for the next lender, so {@code decode(encode(m))} gives {@code m}
 * back. Decoding is always strict: the home system is ours to fix, and lenient guesses would
 * route wrong.
 */
@Component(service = ProtocolCodec.class, configurationPid = RestConfig.PID,
    property = ProtocolCodec.PROPERTY_PROTOCOL + "=REST")
public final class RestMessageCodec implements ProtocolCodec {

  private final Labels labels;

  @Activate
  public RestMessageCodec(RestConfig config) {
    this(Labels.forLanguage(config.webhookLanguage()));
  }

  RestMessageCodec(Labels labels) {
    this.labels = labels;
  }

  @Override
  public Protocol protocol() {
    return Protocol.REST;
  }

  @Override
  public IllMessage decode(byte[] wire, Partner partner) throws CodecException {
    try {
      return MessageJson.read(wire);
    } catch (InvalidInputException e) {
      throw new CodecException(kindOf(e), e.getMessage(), e);
    }
  }

  @Override
  public byte[] encode(IllMessage message, Partner partner) throws CodecException {
    if (message == null) {
      throw new CodecException(CodecException.Kind.UNRECOGNISED_DATA_ELEMENT, "no message to encode");
    }
    return MessageJson.write(message, labels);
  }

  static CodecException.Kind kindOf(InvalidInputException e) {
    return switch (e.kind()) {
      case MALFORMED -> CodecException.Kind.MALFORMED;
      case UNKNOWN_FIELD, MISSING_FIELD -> CodecException.Kind.UNRECOGNISED_DATA_ELEMENT;
      case BAD_VALUE -> "type".equals(e.field()) ? CodecException.Kind.UNSUPPORTED_TYPE
          : CodecException.Kind.UNRECOGNISED_DATA_VALUE;
    };
  }
}
