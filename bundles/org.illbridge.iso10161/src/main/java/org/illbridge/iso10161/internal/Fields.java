package org.illbridge.iso10161.internal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.illbridge.api.codec.CodecException.Kind;
import org.illbridge.iso10161.IllCodecException;

/**
 * The context-tagged components of one SEQUENCE, indexed by tag number. Every SEQUENCE with named
 * components in ISO-10161-ILL-1 tags all of them, so lookup by tag is exact; components may come
 * in any order (lenient), duplicates and unknown tags are refused (nothing is silently dropped).
 */
final class Fields {
  private static final int MAX_TAG = 50;

  private final ASN1TaggedObject[] slots = new ASN1TaggedObject[MAX_TAG + 1];
  private final String type;
  private int present;
  private int taken;

  Fields(ASN1Sequence seq, String type) throws IllCodecException {
    this.type = type;
    for (ASN1Encodable e : seq) {
      if (!(e instanceof ASN1TaggedObject t) || t.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
        throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, type,
            "untagged or non-context component");
      }
      int tag = t.getTagNo();
      if (tag > MAX_TAG) {
        throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, type,
            "unknown component [" + tag + "]");
      }
      if (slots[tag] != null) {
        throw new IllCodecException(Kind.MALFORMED, type, "component [" + tag + "] repeated");
      }
      slots[tag] = t;
      present++;
    }
  }

  String type() {
    return type;
  }

  ASN1TaggedObject opt(int tag) {
    ASN1TaggedObject t = slots[tag];
    if (t != null) {
      slots[tag] = null;
      taken++;
    }
    return t;
  }

  ASN1TaggedObject req(int tag, String name) throws IllCodecException {
    ASN1TaggedObject t = opt(tag);
    if (t == null) {
      throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, type + "." + name,
          "required component [" + tag + "] missing");
    }
    return t;
  }

  /** Refuses any component the type does not define. */
  void done() throws IllCodecException {
    if (taken != present) {
      for (int i = 0; i <= MAX_TAG; i++) {
        if (slots[i] != null) {
          throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, type,
              "unknown component [" + i + "]");
        }
      }
    }
  }
}
