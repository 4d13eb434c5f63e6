package org.illbridge.iso18626.bench;

import java.util.concurrent.TimeUnit;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.iso18626.Iso18626Document;
import org.illbridge.iso18626.Iso18626Version;
import org.illbridge.iso18626.Request;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Parse + serialize of a fully populated Request, with and without XSD validation (validation
 * covers both the read and the write). Run: see the bundle README ("Benchmarks").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class CodecBenchmark {

  @Param({"V2017", "V2021"})
  public Iso18626Version version;

  private byte[] wire;
  private Iso18626Codec plain;
  private Iso18626Codec validating;
  private Iso18626Codec validatingBothWays;

  @Setup
  public void setup() throws Exception {
    plain = new Iso18626Codec(Iso18626Codec.Options.strictDefaults());
    validating = new Iso18626Codec(Iso18626Codec.Options.strictDefaults().withValidate(true));
    validatingBothWays = new Iso18626Codec(Iso18626Codec.Options.strictDefaults().withValidate(true).withValidateOutbound(true));
    Request request = BenchSamples.fullRequest(version);
    wire = validating.write(request, version);
  }

  @Benchmark
  public byte[] parseAndSerialize() throws Exception {
    Iso18626Document doc = plain.read(wire);
    return plain.write(doc.message(), doc.version());
  }

  @Benchmark
  public byte[] parseAndSerializeValidated() throws Exception {
    Iso18626Document doc = validating.read(wire);
    return validating.write(doc.message(), doc.version());
  }

  /** With the optional second check of the output ({@code validateOutbound}). */
  @Benchmark
  public byte[] parseAndSerializeValidatedBothWays() throws Exception {
    Iso18626Document doc = validatingBothWays.read(wire);
    return validatingBothWays.write(doc.message(), doc.version());
  }

  @Benchmark
  public Iso18626Document parseOnly() throws Exception {
    return plain.read(wire);
  }
}
