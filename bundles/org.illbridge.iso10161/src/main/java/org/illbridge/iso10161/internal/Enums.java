package org.illbridge.iso10161.internal;

import org.illbridge.api.codec.CodecException.Kind;
import org.illbridge.iso10161.IllCodecException;
import org.illbridge.iso10161.IllEnum;

/** Wire code to enum constant, through a per-enum table. */
final class Enums {
  private static final ClassValue<IllEnum[]> TABLES = new ClassValue<>() {
    @Override
    protected IllEnum[] computeValue(Class<?> type) {
      IllEnum[] constants = (IllEnum[]) type.getEnumConstants();
      int max = 0;
      for (IllEnum e : constants) {
        max = Math.max(max, e.code());
      }
      IllEnum[] table = new IllEnum[max + 1];
      for (IllEnum e : constants) {
        table[e.code()] = e;
      }
      return table;
    }
  };

  private Enums() {}

  static <E extends Enum<E> & IllEnum> E of(Class<E> type, int code, String path)
      throws IllCodecException {
    IllEnum[] table = TABLES.get(type);
    if (code < 0 || code >= table.length || table[code] == null) {
      throw new IllCodecException(Kind.UNRECOGNISED_DATA_VALUE, path,
          "value " + code + " is not a known " + type.getSimpleName());
    }
    return type.cast(table[code]);
  }
}
