package org.illbridge.iso18626.internal;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.ValidatorHandler;
import org.illbridge.iso18626.ErrorType;
import org.illbridge.iso18626.Iso18626CodecException;
import org.illbridge.iso18626.Iso18626Version;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.helpers.AttributesImpl;

/**
 * Parses untrusted XML into an {@link XmlNode} tree. UTF-8 documents (all real ISO 18626
 * traffic) are read by the hand-written {@link Utf8XmlScanner}; what it leaves to the JDK
 * (another encoding, XML 1.1, ...) or refuses is read by the JDK's StAX parser, hardened: DTDs
 * are refused outright (so no entity can be declared: no billion laughs, no XXE), external
 * entities are off, nesting depth, element count and body size are bounded. Every failure,
 * including runtime exceptions the parser throws on broken encodings, becomes an {@link
 * Iso18626CodecException} with BadlyFormedMessage.
 *
 * <p>When asked to validate, the same pass feeds every event into the XSD validator of the
 * revision named by the root's {@code version} attribute, so the bytes are parsed once. A schema
 * violation does not stop the parse (lenient partners turn it into a warning): the first one is
 * kept in {@link #schemaViolation()}.
 *
 * <p>One instance parses one message.
 */
public final class SecureXmlParser {

  /**
   * One factory per thread: the JDK does not promise that a factory is thread-safe. With
   * instance reuse on, the JDK factory recycles its last reader (symbol table, buffers) for the
   * next message, which halves the cost of reading a 6 KB message; reuse needs the factory to be
   * used by one thread at a time, hence per thread. The per-thread value holds JDK types only
   * (the codec always parses from a ByteArrayInputStream), so it does not pin this bundle.
   */
  private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(SecureXmlParser::createFactory);

  private final int maxBytes;
  private final int maxDepth;
  private final int maxElements;
  private boolean validate;
  private Iso18626Version validatedAs;
  private Iso18626CodecException schemaViolation;

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
    // The JDK's name for this property is the bare "reuse-instance".
    f.setProperty("reuse-instance", Boolean.TRUE);
    return f;
  }

  /** Also validate against the XSD of the revision the root names, in the same pass. */
  SecureXmlParser validating() {
    this.validate = true;
    return this;
  }

  /**
   * The revision the message was validated against during the parse, or null when it was not
   * (validation off, or the root names no known revision: then the caller validates later).
   */
  Iso18626Version validatedAs() {
    return validatedAs;
  }

  /** The first schema violation found while parsing, or null. */
  Iso18626CodecException schemaViolation() {
    return schemaViolation;
  }

  XmlNode parse(byte[] wire) throws Iso18626CodecException {
    if (wire.length > maxBytes) {
      throw malformed("message body of " + wire.length + " bytes exceeds the limit of " + maxBytes + " bytes", null);
    }
    Utf8XmlScanner scanner = new Utf8XmlScanner(wire, maxDepth, maxElements, validate);
    try {
      XmlNode root = scanner.scan();
      validatedAs = scanner.validatedAs();
      schemaViolation = scanner.schemaViolation();
      return root;
    } catch (Utf8XmlScanner.Refusal r) {
      // Outside the scanner's scope, or not well-formed: the JDK parser reads it (and words the
      // diagnostic for the partner, as before the scanner existed).
      XmlNode root = parseWithJdk(wire);
      if (!r.unsupported) {
        // The two parsers disagree (the equivalence test says they never should): the JDK,
        // the reference, wins; worth a report.
        LOG.warn("the UTF-8 scanner refused a message the JDK parser accepts: {}", r.getMessage());
      }
      return root;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(SecureXmlParser.class);

  /** Parses with the JDK's StAX reader only (the scanner's fallback and, in tests, its reference). */
  XmlNode parseWithJdk(byte[] wire) throws Iso18626CodecException {
    if (wire.length > maxBytes) {
      throw malformed("message body of " + wire.length + " bytes exceeds the limit of " + maxBytes + " bytes", null);
    }
    validatedAs = null;
    schemaViolation = null;
    try {
      return parse(new ByteArrayInputStream(wire));
    } finally {
      if (wire.length > RETAIN_AT_MOST) {
        forgetInput();
      }
    }
  }

  /**
   * A reused JDK reader keeps its last input until the next message: fine for ordinary
   * messages, but a pool of server threads should not each hold on to a large body. Above this
   * size the reader is pointed at a tiny constant document after the parse.
   */
  private static final int RETAIN_AT_MOST = 64 * 1024;

  private static final byte[] EMPTY_DOCUMENT = {'<', 'x', '/', '>'};

  private static void forgetInput() {
    try {
      FACTORY.get().createXMLStreamReader(new ByteArrayInputStream(EMPTY_DOCUMENT)).close();
    } catch (XMLStreamException | RuntimeException e) {
      // only releasing memory; the next parse resets the reader anyway
    }
  }

  private XmlNode parse(ByteArrayInputStream in) throws Iso18626CodecException {
    XMLStreamReader r = null;
    try {
      r = FACTORY.get().createXMLStreamReader(in);
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
    ArrayDeque<XmlNode> stack = new ArrayDeque<>();
    XmlNode root = null;
    int elements = 0;
    Sax sax = null;
    Sax used = null;
    try {
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
            int attributes = r.getAttributeCount();
            for (int i = 0; i < attributes; i++) {
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
              if (validate) {
                sax = Sax.start(r, Iso18626Version.fromAttribute(node.version));
                validatedAs = sax == null ? null : sax.version;
                used = sax;
              }
            } else {
              stack.peek().add(node);
            }
            stack.push(node);
            if (sax != null && !sax.startElement(r)) {
              sax = stopped(sax);
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            stack.pop();
            if (sax != null && !sax.endElement(r)) {
              sax = stopped(sax);
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
            if (!stack.isEmpty()) {
              char[] chars = r.getTextCharacters();
              int start = r.getTextStart();
              int length = r.getTextLength();
              stack.peek().appendText(chars, start, length);
              if (sax != null && !sax.characters(chars, start, length)) {
                sax = stopped(sax);
              }
            }
          }
          case XMLStreamConstants.END_DOCUMENT -> {
            if (sax != null && !sax.endDocument()) {
              sax = stopped(sax);
            }
            sax = null;
          }
          default -> {
            // comments, processing instructions, document start: nothing to keep
          }
        }
      }
    } finally {
      if (sax != null) {
        // The parse failed in mid-document: the validator's state is unknown, drop it.
        SchemaValidator.discard(sax.version);
      } else if (used != null) {
        // The per-thread handler must not keep a reference to this bundle's classes.
        used.handler.setDocumentLocator(null);
      }
    }
    if (root == null) {
      throw malformed("no root element", null);
    }
    return root;
  }

  /** Records the validator's first violation; validation stops there, parsing goes on. */
  private Sax stopped(Sax sax) {
    schemaViolation = SchemaValidator.failure(sax.failure, sax.version);
    SchemaValidator.discard(sax.version);
    return null;
  }

  /**
   * Feeds StAX events into a SAX {@link ValidatorHandler}; each method returns false on a schema
   * violation. The StAX reader's names and namespace URIs are interned (the JDK and Woodstox
   * parsers both intern them), as the handler is told to expect.
   */
  private static final class Sax implements Locator {
    final Iso18626Version version;
    final ValidatorHandler handler;
    final XMLStreamReader r;
    final AttributesImpl attributes = new AttributesImpl();
    SAXException failure;

    private Sax(Iso18626Version version, ValidatorHandler handler, XMLStreamReader r) {
      this.version = version;
      this.handler = handler;
      this.r = r;
    }

    static Sax start(XMLStreamReader r, Iso18626Version version) {
      if (version == null) {
        return null;
      }
      Sax sax = new Sax(version, SchemaValidator.handler(version), r);
      sax.handler.setDocumentLocator(sax);
      try {
        sax.handler.startDocument();
      } catch (SAXException e) {
        sax.failure = e;
      }
      return sax;
    }

    boolean startElement(XMLStreamReader r) {
      if (failure != null) {
        return false;
      }
      try {
        for (int i = 0, n = r.getNamespaceCount(); i < n; i++) {
          handler.startPrefixMapping(nonNull(r.getNamespacePrefix(i)), nonNull(r.getNamespaceURI(i)));
        }
        attributes.clear();
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
          String local = r.getAttributeLocalName(i);
          attributes.addAttribute(nonNull(r.getAttributeNamespace(i)), local, qName(r.getAttributePrefix(i), local),
              "CDATA", r.getAttributeValue(i));
        }
        // The element's raw name is given as its local name: the validator matches elements by
        // namespace and local name, and this spares a string per element.
        String local = r.getLocalName();
        handler.startElement(nonNull(r.getNamespaceURI()), local, local, attributes);
        return true;
      } catch (SAXException e) {
        failure = e;
        return false;
      }
    }

    boolean endElement(XMLStreamReader r) {
      try {
        String local = r.getLocalName();
        handler.endElement(nonNull(r.getNamespaceURI()), local, local);
        for (int i = 0, n = r.getNamespaceCount(); i < n; i++) {
          handler.endPrefixMapping(nonNull(r.getNamespacePrefix(i)));
        }
        return true;
      } catch (SAXException e) {
        failure = e;
        return false;
      }
    }

    boolean characters(char[] chars, int start, int length) {
      try {
        handler.characters(chars, start, length);
        return true;
      } catch (SAXException e) {
        failure = e;
        return false;
      }
    }

    boolean endDocument() {
      try {
        handler.endDocument();
        return true;
      } catch (SAXException e) {
        failure = e;
        return false;
      }
    }

    private static String nonNull(String s) {
      return s == null ? "" : s;
    }

    /** Attributes keep their prefixed name (two attributes may share a local name); interned as the handler expects. */
    private static String qName(String prefix, String local) {
      return prefix == null || prefix.isEmpty() ? local : (prefix + ':' + local).intern();
    }

    // Locator: asked only when the validator reports a violation.
    @Override
    public String getPublicId() {
      return null;
    }

    @Override
    public String getSystemId() {
      return null;
    }

    @Override
    public int getLineNumber() {
      return r.getLocation().getLineNumber();
    }

    @Override
    public int getColumnNumber() {
      return r.getLocation().getColumnNumber();
    }
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
