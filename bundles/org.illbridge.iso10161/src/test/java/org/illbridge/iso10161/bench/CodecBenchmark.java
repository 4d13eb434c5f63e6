package org.illbridge.iso10161.bench;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.IllCodecException;
import org.illbridge.iso10161.Samples;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decode + encode of an ILL-Request. {@code yazRequest}: the full request yaz-illclient sends
 * (indefinite lengths, 573 bytes); {@code fullRequest}: every optional component set, with three
 * extensions (DER). Run with -prof gc for allocations per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {
  private final BerCodec codec = new BerCodec();
  private byte[] yaz;
  private byte[] full;

  @Setup
  public void setup() throws Exception {
    try (InputStream in = getClass().getResourceAsStream(
        "/golden/yaz-illclient-request-full.ber")) {
      yaz = in.readAllBytes();
    }
    full = codec.encode(Samples.fullRequest());
  }

  @Benchmark
  public byte[] yazRequestDecodeEncode() throws IllCodecException {
    return codec.encode(codec.decode(yaz));
  }

  @Benchmark
  public byte[] fullRequestDecodeEncode() throws IllCodecException {
    return codec.encode(codec.decode(full));
  }

  @Benchmark
  public IllApdu yazRequestDecode() throws IllCodecException {
    return codec.decode(yaz);
  }
}
