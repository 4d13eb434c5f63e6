package org.illbridge.iso10161;

/**
 * Supply-Medium-Type; Medium-Type is the same list without PHOTOCOPY.
 */
public enum MediumType implements IllEnum {
  PRINTED(1),
  PHOTOCOPY(2),
  MICROFORM(3),
  FILM_OR_VIDEO_RECORDING(4),
  AUDIO_RECORDING(5),
  MACHINE_READABLE(6),
  OTHER(7);

  private final int code;

  MediumType(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
