package org.illbridge.iso18626.internal;

import org.illbridge.api.codec.CodecException;
import org.illbridge.api.codec.ProtocolCodec;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.iso18626.Iso18626Document;
import org.illbridge.iso18626.Iso18626Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/** The ISO 18626 {@link ProtocolCodec}: XML bytes to neutral messages and back (mapping in {@link NeutralMapper}). */
@Component(service = ProtocolCodec.class, configurationPid = CodecConfig.PID,
    property = ProtocolCodec.PROPERTY_PROTOCOL + "=ISO18626")
@Designate(ocd = CodecConfig.class)
public final class Iso18626ProtocolCodec implements ProtocolCodec {

  private final Iso18626Codec strict;
  private final Iso18626Codec lenient;
  private final boolean strictWhenUnknown;
  private final Iso18626Version outboundVersion;

  @Activate
  public Iso18626ProtocolCodec(CodecConfig config) {
    Iso18626Codec.Options base = new Iso18626Codec.Options(true, config.validate(), config.maxBytes(),
        config.maxDepth(), Iso18626Codec.Options.DEFAULT_MAX_ELEMENTS);
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

  @Override
  public byte[] encode(IllMessage message, Partner partner) throws CodecException {
    Iso18626Version version = Iso18626Version.fromAttribute(message.attributes().get(NeutralMapper.A_VERSION));
    if (version == null) {
      version = outboundVersion;
    }
    return strict.write(NeutralMapper.fromNeutral(message, version), version);
  }
}
