package org.illbridge.iso18626.internal;

import java.io.InputStream;
import javax.xml.stream.XMLStreamException;
import org.illbridge.iso18626.ErrorType;
import org.illbridge.iso18626.Iso18626CodecException;
import org.illbridge.iso18626.Iso18626Document;
import org.illbridge.iso18626.Iso18626Message;
import org.illbridge.iso18626.Iso18626Version;

/** Entry points from the public {@code Iso18626Codec} into the package-private reader and writer. */
public final class XmlCodecSupport {

  private XmlCodecSupport() {}

  public static Iso18626Document read(byte[] wire, boolean strict, int maxBytes, int maxDepth, int maxElements)
      throws Iso18626CodecException {
    XmlNode root = new SecureXmlParser(maxBytes, maxDepth, maxElements).parse(wire);
    return new MessageReader(strict).read(root);
  }

  public static Iso18626Document read(InputStream in, boolean strict, int maxBytes, int maxDepth, int maxElements)
      throws Iso18626CodecException {
    XmlNode root = new SecureXmlParser(maxBytes, maxDepth, maxElements).parse(in);
    return new MessageReader(strict).read(root);
  }

  public static byte[] write(Iso18626Message message, Iso18626Version version) throws Iso18626CodecException {
    try {
      return new MessageWriter(version).write(message);
    } catch (XMLStreamException | RuntimeException e) {
      throw new Iso18626CodecException(ErrorType.BADLY_FORMED_MESSAGE, "cannot write message: " + e.getMessage(), null, e);
    }
  }
}
