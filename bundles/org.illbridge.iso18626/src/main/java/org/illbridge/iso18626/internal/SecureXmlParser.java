package org.illbridge.iso18626.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.illbridge.iso18626.ErrorType;
import org.illbridge.iso18626.Iso18626CodecException;

/**
 * Parses untrusted XML into an {@link XmlNode} tree with the JDK's StAX parser, hardened: DTDs
 * are refused outright (so no entity can be declared: no billion laughs, no XXE), external
 * entities are off, nesting depth, element count and body size are bounded. Every failure,
 * including runtime exceptions the parser throws on broken encodings, becomes an {@link
 * Iso18626CodecException} with BadlyFormedMessage.
 */
public final class SecureXmlParser {

  /**
   * One factory per thread: the JDK does not promise that a factory is thread-safe. (Reader
   * instance reuse was measured and gave nothing, so it stays off and no reader keeps the last
   * message alive.)
   */
  private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(SecureXmlParser::createFactory);

  private final int maxBytes;
  private final int maxDepth;
  private final int maxElements;

  public SecureXmlParser(int maxBytes, int maxDepth, int maxElements) {
    this.maxBytes = maxBytes;
    this.maxDepth = maxDepth;
    this.maxElements = maxElements;
  }

  private static XMLInputFactory createFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    return f;
  }

  XmlNode parse(byte[] wire) throws Iso18626CodecException {
    if (wire.length > maxBytes) {
      throw malformed("message body of " + wire.length + " bytes exceeds the limit of " + maxBytes + " bytes", null);
    }
    return parse(new ByteArrayInputStream(wire));
  }

  XmlNode parse(InputStream in) throws Iso18626CodecException {
    XMLStreamReader r = null;
    try {
      r = FACTORY.get().createXMLStreamReader(in instanceof ByteArrayInputStream ? in : new LimitedInputStream(in, maxBytes));
      return readTree(r);
    } catch (XMLStreamException e) {
      Throwable root = rootCause(e);
      if (root instanceof LimitedInputStream.LimitExceededException) {
        throw malformed(root.getMessage(), e);
      }
      throw malformed("not well-formed XML: " + clean(e.getMessage()), e);
    } catch (RuntimeException e) {
      // The JDK parser reports some encoding errors as unchecked exceptions.
      throw malformed("not well-formed XML: " + clean(String.valueOf(e.getMessage())), e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing left to release
        }
      }
    }
  }

  private XmlNode readTree(XMLStreamReader r) throws XMLStreamException, Iso18626CodecException {
    Deque<XmlNode> stack = new ArrayDeque<>();
    XmlNode root = null;
    int elements = 0;
    while (r.hasNext()) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.DTD ->
            throw malformed("a DOCTYPE declaration is not allowed in ISO 18626 messages", null);
        case XMLStreamConstants.ENTITY_REFERENCE ->
            throw malformed("entity reference &" + r.getLocalName() + "; is not allowed", null);
        case XMLStreamConstants.START_ELEMENT -> {
          if (stack.size() >= maxDepth) {
            throw malformed("elements nested deeper than " + maxDepth + " levels", null);
          }
          if (++elements > maxElements) {
            throw malformed("more than " + maxElements + " elements", null);
          }
          XmlNode node = new XmlNode(r.getNamespaceURI(), r.getLocalName(), r.getLocation().getLineNumber());
          for (int i = 0; i < r.getAttributeCount(); i++) {
            String local = r.getAttributeLocalName(i);
            if (local.equals("scheme")) {
              node.scheme = r.getAttributeValue(i);
            } else if (local.equals("version")) {
              node.version = r.getAttributeValue(i);
            }
          }
          if (stack.isEmpty()) {
            if (root != null) {
              throw malformed("more than one root element", null);
            }
            root = node;
          } else {
            stack.peek().children.add(node);
          }
          stack.push(node);
        }
        case XMLStreamConstants.END_ELEMENT -> stack.pop();
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (!stack.isEmpty()) {
            stack.peek().text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
          }
        }
        default -> {
          // comments, processing instructions, document start/end: nothing to keep
        }
      }
    }
    if (root == null) {
      throw malformed("no root element", null);
    }
    return root;
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    for (int i = 0; i < 10 && c.getCause() != null && c.getCause() != c; i++) {
      c = c.getCause();
    }
    if (t instanceof XMLStreamException x && x.getNestedException() != null) {
      Throwable n = x.getNestedException();
      return n.getCause() != null ? rootCause(n) : n;
    }
    return c;
  }

  /** Parser messages can be long and may echo input; keep them short for the partner. */
  private static String clean(String message) {
    if (message == null) {
      return "unknown error";
    }
    String m = message.replaceAll("\\s+", " ").trim();
    int idx = m.indexOf("Message: ");
    if (idx >= 0) {
      m = m.substring(idx + 9);
    }
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }

  static Iso18626CodecException malformed(String message, Throwable cause) {
    return new Iso18626CodecException(ErrorType.BADLY_FORMED_MESSAGE, message, null, cause);
  }
}
