package org.illbridge.api;

/** Names shared by every ILL Bridge bundle. */
public final class IllBridge {
  /** Web console category under which all ILL Bridge plugins appear. */
  public static final String CONSOLE_CATEGORY = "ILL Bridge";

  private IllBridge() {}
}
