package org.illbridge.console.internal.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

class BundleUploadCheckFilterTest {

  private static Part part(byte[] content) {
    return (Part) Proxy.newProxyInstance(getClass0(), new Class<?>[] {Part.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getInputStream" -> new ByteArrayInputStream(content);
          case "getName" -> BundleUploadCheckFilter.FILE_FIELD;
          case "getSubmittedFileName" -> "x.jar";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static ClassLoader getClass0() {
    return BundleUploadCheckFilterTest.class.getClassLoader();
  }

  private static byte[] jar(Manifest manifest, boolean manifestLast) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(out)) {
      if (!manifestLast) {
        jar.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
        manifest.write(jar);
      }
      jar.putNextEntry(new ZipEntry("a/B.class"));
      jar.write(new byte[] {1, 2, 3});
      if (manifestLast) {
        jar.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
        manifest.write(jar);
      }
    }
    return out.toByteArray();
  }

  private static Manifest manifest(String bsn) {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (bsn != null) {
      m.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
    }
    return m;
  }

  @Test
  void textFileIsNotABundle() throws Exception {
    Optional<String> problem =
        BundleUploadCheckFilter.problemWith(part("notes".getBytes(StandardCharsets.UTF_8)));
    assertTrue(problem.orElseThrow().contains("not an OSGi bundle"), problem.get());
  }

  @Test
  void plainJarWithoutSymbolicNameIsNotABundle() throws Exception {
    Optional<String> problem = BundleUploadCheckFilter.problemWith(part(jar(manifest(null), false)));
    assertTrue(problem.orElseThrow().contains("no Bundle-SymbolicName"), problem.get());
  }

  @Test
  void bundleIsAcceptedWhereverItsManifestSits() throws Exception {
    assertEquals(Optional.empty(), BundleUploadCheckFilter.problemWith(part(jar(manifest("a.b"), false))));
    assertEquals(Optional.empty(), BundleUploadCheckFilter.problemWith(part(jar(manifest("a.b"), true))));
  }
}
