package org.illbridge.console.internal.upload;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.illbridge.console.internal.security.ConsoleContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks files uploaded on the console's Bundles page before the console installs them. The
 * console itself throws an IOException for a file without a Bundle-SymbolicName, which reaches
 * the admin as a bare "500 Server Error"; this answers 400 with a sentence saying what is wrong.
 * Bundles that merely fail to resolve are left to the framework: they install and show why.
 */
@Component(service = Filter.class)
@HttpWhiteboardContextSelect(ConsoleContext.SELECT)
@HttpWhiteboardFilterPattern("/*")
public class BundleUploadCheckFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(BundleUploadCheckFilter.class);
  static final String FILE_FIELD = "bundlefile";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http
        && response instanceof HttpServletResponse httpResponse
        && isUpload(http)) {
      for (Part part : http.getParts()) {
        if (!FILE_FIELD.equals(part.getName())) {
          continue;
        }
        Optional<String> problem = problemWith(part);
        if (problem.isPresent()) {
          LOG.warn("Refused upload of '{}' from {}: {}", part.getSubmittedFileName(),
              http.getRemoteAddr(), problem.get());
          httpResponse.setStatus(HttpServletResponse.SC_BAD_REQUEST);
          httpResponse.setContentType("text/plain;charset=UTF-8");
          httpResponse.getOutputStream().write(
              ("The uploaded file '" + part.getSubmittedFileName() + "' was not installed: "
                      + problem.get() + "\n").getBytes(StandardCharsets.UTF_8));
          return;
        }
      }
    }
    chain.doFilter(request, response);
  }

  private static boolean isUpload(HttpServletRequest request) {
    String contentType = request.getContentType();
    String uri = request.getRequestURI();
    return "POST".equals(request.getMethod())
        && contentType != null
        && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
        && uri != null
        && (uri.endsWith("/bundles") || uri.endsWith("/bundles/install") || uri.contains("/bundles/"));
  }

  /** Why the part cannot be installed as a bundle, or empty when it looks like one. */
  static Optional<String> problemWith(Part part) throws IOException {
    // JarFile (random access) rather than JarInputStream: the manifest need not be the first
    // entry of a valid jar. The same check the console makes, done before it throws.
    Path tmp = Files.createTempFile("illbridge-upload", ".jar");
    try {
      try (InputStream in = part.getInputStream()) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      Manifest manifest;
      try (JarFile jar = new JarFile(tmp.toFile())) {
        manifest = jar.getManifest();
      } catch (IOException notAJar) {
        return Optional.of("it is not an OSGi bundle (not a jar file).");
      }
      if (manifest == null
          || manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
        return Optional.of("it is not an OSGi bundle (its manifest has no Bundle-SymbolicName).");
      }
      return Optional.empty();
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
