package org.illbridge.iso18626;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the fuzz seed corpus from the samples: {@code java ... WriteFuzzSeeds <dir>} (not a test). */
public final class WriteFuzzSeeds {
  private WriteFuzzSeeds() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    Iso18626Codec codec = new Iso18626Codec(Iso18626Codec.Options.strictDefaults());
    for (Iso18626Version v : Iso18626Version.values()) {
      for (Iso18626Message m : Samples.all(v)) {
        Files.write(dir.resolve(v.name() + "-" + Iso18626Codec.elementName(m) + ".xml"), codec.write(m, v));
      }
    }
  }
}
