package org.illbridge.iso18626.internal;

import java.lang.annotation.Annotation;

/** CodecConfig instances for plain unit tests (DS builds them from ConfigAdmin at run time). */
final class TestConfigs {
  private TestConfigs() {}

  static CodecConfig config(boolean validate, String outboundVersion, int maxBytes) {
    return new CodecConfig() {
      @Override public Class<? extends Annotation> annotationType() { return CodecConfig.class; }
      @Override public boolean strictWhenUnknown() { return true; }
      @Override public boolean validate() { return validate; }
      @Override public boolean validateOutbound() { return validate; }
      @Override public int maxBytes() { return maxBytes; }
      @Override public int maxDepth() { return 64; }
      @Override public String outboundVersion() { return outboundVersion; }
      @Override public int connectTimeoutSeconds() { return 2; }
      @Override public int requestTimeoutSeconds() { return 5; }
      @Override public boolean acceptUnauthenticated() { return true; }
      @Override public String[] partners() { return new String[0]; }
      @Override public String sharedSecretHeader() { return "X-ILL-Secret"; }
      @Override public boolean reviewUnknownRequesters() { return true; }
    };
  }

  static CodecConfig config() {
    return config(true, "1.2", 1 << 20);
  }
}
