package org.illbridge.iso10161.internal;

import org.illbridge.api.codec.CodecException;
import org.illbridge.api.codec.ProtocolCodec;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.IllApdu;
import org.osgi.service.component.annotations.Component;

/**
 * The ISO 10161 {@link ProtocolCodec}: BER bytes to neutral messages and back. The mapping (in
 * {@link NeutralMapper}) is documented in the bundle README.
 */
@Component(service = ProtocolCodec.class,
    property = ProtocolCodec.PROPERTY_PROTOCOL + "=ISO10161")
public final class Iso10161ProtocolCodec implements ProtocolCodec {

  private final BerCodec codec = new BerCodec();

  @Override
  public Protocol protocol() {
    return Protocol.ISO10161;
  }

  @Override
  public IllMessage decode(byte[] wire, Partner partner) throws CodecException {
    return NeutralMapper.toNeutral(codec.decode(wire), partner);
  }

  /** Decodes and also returns the APDU, for transports that answer in protocol terms. */
  public IllApdu decodeApdu(byte[] wire) throws CodecException {
    return codec.decode(wire);
  }

  @Override
  public byte[] encode(IllMessage message, Partner partner) throws CodecException {
    return codec.encode(NeutralMapper.fromNeutral(message, partner));
  }
}
