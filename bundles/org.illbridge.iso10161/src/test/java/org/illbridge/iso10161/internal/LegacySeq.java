package org.illbridge.iso10161.internal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

// Test oracle: the BouncyCastle-based codec that the hand-written BerTree / DerWriter codec
// replaced (as of commit 0a652e8), kept unchanged for BcEquivalenceTest.

/** Builds a SEQUENCE of context-tagged components, skipping absent (null) ones. */
final class LegacySeq {
  private final ASN1EncodableVector v = new ASN1EncodableVector(8);

  /** EXPLICIT [tag]. */
  LegacySeq e(int tag, ASN1Encodable o) {
    if (o != null) {
      v.add(new DERTaggedObject(true, tag, o));
    }
    return this;
  }

  /** IMPLICIT [tag]. */
  LegacySeq i(int tag, ASN1Encodable o) {
    if (o != null) {
      v.add(new DERTaggedObject(false, tag, o));
    }
    return this;
  }

  LegacySeq add(ASN1Encodable o) {
    if (o != null) {
      v.add(o);
    }
    return this;
  }

  DERSequence seq() {
    return new DERSequence(v);
  }
}
