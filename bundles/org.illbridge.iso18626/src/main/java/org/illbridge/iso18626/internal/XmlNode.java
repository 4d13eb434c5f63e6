package org.illbridge.iso18626.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed element: the reader first builds a small tree (bounded by the body size and depth
 * limits), then maps it to records. The {@code used} flag lets the mapper find elements it did
 * not recognise.
 */
final class XmlNode {
  final String namespace;
  final String name;
  final int line;
  String scheme;
  String version;
  final StringBuilder text = new StringBuilder();
  final List<XmlNode> children = new ArrayList<>(4);
  boolean used;

  XmlNode(String namespace, String name, int line) {
    this.namespace = namespace;
    this.name = name;
    this.line = line;
  }

  String text() {
    return text.toString().strip();
  }

  @Override
  public String toString() {
    return name + " (line " + line + ")";
  }
}
