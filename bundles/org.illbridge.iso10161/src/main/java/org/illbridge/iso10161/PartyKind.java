package org.illbridge.iso10161;

/** The person / institution alternative of Person-Or-Institution-Symbol and Name-Of-Person-Or-Institution. */
public enum PartyKind {
  /** [0] person-symbol / name-of-person. */
  PERSON,
  /** [1] institution-symbol / name-of-institution. */
  INSTITUTION
}
