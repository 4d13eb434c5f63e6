package org.illbridge.iso10161.internal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.illbridge.api.codec.CodecException.Kind;
import org.illbridge.iso10161.IllCodecException;

// Test oracle: the BouncyCastle-based codec that the hand-written BerTree / DerWriter codec
// replaced (as of commit 0a652e8), kept unchanged for BcEquivalenceTest.

/**
 * The context-tagged components of one SEQUENCE, indexed by tag number. Every SEQUENCE with named
 * components in ISO-10161-ILL-1 tags all of them, so lookup by tag is exact; components may come
 * in any order (lenient), duplicates and unknown tags are refused (nothing is silently dropped).
 */
final class LegacyFields {
  private static final int MAX_TAG = 50;

  private final ASN1TaggedObject[] items;
  private final String type;
  private long present;
  private long taken;

  LegacyFields(ASN1Sequence seq, String type) throws IllCodecException {
    this.type = type;
    int n = seq.size();
    // small and allocation-light: a SEQUENCE here has at most 26 components, looked up linearly
    this.items = new ASN1TaggedObject[n];
    for (int i = 0; i < n; i++) {
      ASN1Encodable e = seq.getObjectAt(i);
      if (!(e instanceof ASN1TaggedObject t) || t.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
        throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, type,
            "untagged or non-context component");
      }
      int tag = t.getTagNo();
      if (tag > MAX_TAG) {
        throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, type,
            "unknown component [" + tag + "]");
      }
      if ((present & (1L << tag)) != 0) {
        throw new IllCodecException(Kind.MALFORMED, type, "component [" + tag + "] repeated");
      }
      present |= 1L << tag;
      items[i] = t;
    }
  }

  String type() {
    return type;
  }

  ASN1TaggedObject opt(int tag) {
    long bit = 1L << tag;
    if ((present & bit) == 0 || (taken & bit) != 0) {
      return null;
    }
    for (ASN1TaggedObject t : items) {
      if (t.getTagNo() == tag) {
        taken |= bit;
        return t;
      }
    }
    return null;
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
    long unknown = present & ~taken;
    if (unknown != 0) {
      throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, type,
          "unknown component [" + Long.numberOfTrailingZeros(unknown) + "]");
    }
  }
}
