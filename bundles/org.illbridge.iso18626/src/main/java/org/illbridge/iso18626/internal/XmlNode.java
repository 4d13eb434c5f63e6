package org.illbridge.iso18626.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed element: the reader first builds a small tree (bounded by the body size and depth
 * limits), then maps it to records. The {@code used} flag lets the mapper find elements it did
 * not recognise. Leaves have no child list and containers no text buffer: most elements of a
 * message are one or the other, and this tree is built for every message.
 */
final class XmlNode {
  private static final List<XmlNode> NONE = List.of();

  final String namespace;
  final String name;
  /** The line, or 0 until {@link #line()} computes it from {@link #source} (the scanner's nodes). */
  private int line;
  private byte[] source;
  private int offset;
  String scheme;
  String version;
  /** The children in document order (read only; add with {@link #add}). */
  List<XmlNode> children = NONE;
  boolean used;
  /** All children before this index are used (the reader's search starts here). */
  int firstUnused;
  private String firstText;
  private StringBuilder moreText;
  private String stripped;

  XmlNode(String namespace, String name, int line) {
    this.namespace = namespace;
    this.name = name;
    this.line = line;
  }

  /**
   * A node of the UTF-8 scanner: its line is counted from the bytes only when asked (error
   * messages), not for every element.
   *
   * @param offset the byte offset of the end of the start tag, where the StAX reader reports its line
   */
  XmlNode(String namespace, String name, byte[] source, int offset) {
    this.namespace = namespace;
    this.name = name;
    this.source = source;
    this.offset = offset;
  }

  int line() {
    if (line == 0 && source != null) {
      line = Utf8XmlScanner.lineAt(source, offset);
      source = null;
    }
    return line;
  }

  void add(XmlNode child) {
    if (children == NONE) {
      children = new ArrayList<>(4);
    }
    children.add(child);
  }

  boolean hasText() {
    return firstText != null || moreText != null;
  }

  void appendText(String s) {
    if (moreText != null) {
      moreText.append(s);
    } else if (firstText == null) {
      firstText = s;
    } else {
      moreText = new StringBuilder(firstText.length() + s.length() + 16).append(firstText).append(s);
      firstText = null;
    }
    stripped = null;
  }

  void appendText(char[] chars, int start, int length) {
    if (moreText != null) {
      moreText.append(chars, start, length);
    } else if (firstText == null) {
      firstText = new String(chars, start, length);
    } else {
      moreText = new StringBuilder(firstText.length() + length + 16).append(firstText).append(chars, start, length);
      firstText = null;
    }
    stripped = null;
  }

  /** The element's text without leading and trailing white space ("" when it has none). */
  String text() {
    if (stripped == null) {
      String t = moreText != null ? moreText.toString() : firstText;
      stripped = t == null ? "" : t.strip();
    }
    return stripped;
  }

  @Override
  public String toString() {
    return name + " (line " + line() + ")";
  }
}
