package org.illbridge.api.store;

/** Whether a logged message came from a partner or went to one. */
public enum Direction {
  INBOUND,
  OUTBOUND
}
