package org.illbridge.iso10161.internal;

import org.illbridge.api.codec.CodecException.Kind;
import org.illbridge.iso10161.IllCodecException;

/**
 * The context-tagged components of one SEQUENCE, indexed by tag number. Every SEQUENCE with named
 * components in ISO-10161-ILL-1 tags all of them, so lookup by tag is exact; components may come
 * in any order (lenient), duplicates and unknown tags are refused (nothing is silently dropped).
 * Components are nodes of a {@link BerTree}; an absent one is -1.
 */
final class Fields {
  private static final int MAX_TAG = 50;

  private final BerTree t;
  private final int seq;
  private final String type;
  private long present;
  private long taken;
  /** Where the last lookup ended: components mostly come in tag order, so the next is near. */
  private int cursor = -1;

  /** @param seq a constructed node whose children are the components */
  Fields(BerTree t, int seq, String type) throws IllCodecException {
    this.t = t;
    this.seq = seq;
    this.type = type;
    for (int c = t.first(seq); c >= 0; c = t.next(seq, c)) {
      if (!t.isContext(c)) {
        throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, type,
            "untagged or non-context component");
      }
      int tag = t.tagNo(c);
      if (tag > MAX_TAG) {
        throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, type,
            "unknown component [" + tag + "]");
      }
      if ((present & (1L << tag)) != 0) {
        throw new IllCodecException(Kind.MALFORMED, type, "component [" + tag + "] repeated");
      }
      present |= 1L << tag;
    }
  }

  String type() {
    return type;
  }

  /** The component [tag], or -1; each component is handed out once. */
  int opt(int tag) {
    long bit = 1L << tag;
    if ((present & bit) == 0 || (taken & bit) != 0) {
      return -1;
    }
    int start = cursor >= 0 ? cursor : t.first(seq);
    for (int c = start; c >= 0; c = t.next(seq, c)) {
      if (t.tagNo(c) == tag) {
        return take(c, bit);
      }
    }
    for (int c = t.first(seq); c != start; c = t.next(seq, c)) {
      if (t.tagNo(c) == tag) {
        return take(c, bit);
      }
    }
    return -1;
  }

  private int take(int c, long bit) {
    taken |= bit;
    cursor = c;
    return c;
  }

  int req(int tag, String name) throws IllCodecException {
    int c = opt(tag);
    if (c < 0) {
      throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, type + "." + name,
          "required component [" + tag + "] missing");
    }
    return c;
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
