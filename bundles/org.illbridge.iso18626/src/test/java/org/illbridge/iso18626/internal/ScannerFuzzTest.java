package org.illbridge.iso18626.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target of the hand-written {@link Utf8XmlScanner} against the JDK parser as the oracle:
 * whatever the bytes, both accept with the same tree or both refuse (the scanner may leave input
 * outside its scope to the JDK), and neither throws anything else. In the normal build Jazzer
 * runs the seed corpus (src/test/resources/.../ScannerFuzzTestInputs/scanner) in regression
 * mode; to fuzz: {@code JAZZER_FUZZ=1 mvn -f bundles/org.illbridge.iso18626/pom.xml test
 * -Dtest=ScannerFuzzTest}.
 */
class ScannerFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void scanner(byte[] data) {
    Utf8XmlScannerEquivalenceTest.assertSameVerdict(data);
  }
}
