package org.illbridge.iso10161;

/** An ASN.1 ENUMERATED value of the ISO 10161 module: every enum here carries its wire code. */
public interface IllEnum {
  /** The value as encoded on the wire. */
  int code();
}
