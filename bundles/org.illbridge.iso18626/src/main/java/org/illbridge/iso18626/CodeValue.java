package org.illbridge.iso18626;

/** A value of one of the protocol's code lists; {@link #code()} is the wire form. */
public interface CodeValue {
  /** The value exactly as the schema spells it. */
  String code();
}
