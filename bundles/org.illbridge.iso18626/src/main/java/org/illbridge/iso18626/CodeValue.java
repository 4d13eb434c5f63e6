package org.illbridge.iso18626;

/** A value of one of the protocol's code lists; {@link #code()} is the wire form. */
public interface CodeValue {
  /** The value exactly as the schema spells it. */
  String code();

  /** True for a value that only the 2021 schema has (a 2017 message cannot carry it). */
  default boolean since2021() {
    return false;
  }
}
