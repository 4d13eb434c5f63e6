package org.illbridge.console.internal.security;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Response wrapper that puts a snippet before {@code </head>} of HTML pages. Other content types
 * pass through untouched. An HTML page's length changes, so its Content-Length is dropped (the
 * container then chunks or closes as usual).
 */
final class HeadInjectingResponse extends HttpServletResponseWrapper {

  private final String snippet;
  private Long pendingContentLength;
  private Boolean injecting;
  private InjectingWriter writer;
  private PrintWriter printWriter;
  private InjectingStream stream;

  HeadInjectingResponse(HttpServletResponse response, String snippet) {
    super(response);
    this.snippet = snippet;
  }

  private boolean injecting() {
    if (injecting == null) {
      String type = getContentType();
      injecting = type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html");
      if (!injecting && pendingContentLength != null) {
        super.setContentLengthLong(pendingContentLength);
      }
      pendingContentLength = null;
    }
    return injecting;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (printWriter == null) {
      if (!injecting()) {
        return super.getWriter();
      }
      writer = new InjectingWriter(super.getWriter(), snippet);
      printWriter = new PrintWriter(writer);
    }
    return printWriter;
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) {
      if (!injecting()) {
        return super.getOutputStream();
      }
      stream = new InjectingStream(super.getOutputStream(), snippet);
    }
    return stream;
  }

  @Override
  public void setContentLength(int length) {
    setContentLengthLong(length);
  }

  @Override
  public void setContentLengthLong(long length) {
    if (injecting == null) {
      pendingContentLength = length; // decided once the body is opened and the type is known
    } else if (!injecting) {
      super.setContentLengthLong(length);
    }
  }

  @Override
  public void setHeader(String name, String value) {
    if ("Content-Length".equalsIgnoreCase(name)) {
      setContentLengthLong(Long.parseLong(value.trim()));
    } else {
      super.setHeader(name, value);
    }
  }

  @Override
  public void addHeader(String name, String value) {
    if ("Content-Length".equalsIgnoreCase(name)) {
      setContentLengthLong(Long.parseLong(value.trim()));
    } else {
      super.addHeader(name, value);
    }
  }

  @Override
  public void setIntHeader(String name, int value) {
    if ("Content-Length".equalsIgnoreCase(name)) {
      setContentLengthLong(value);
    } else {
      super.setIntHeader(name, value);
    }
  }

  @Override
  public void flushBuffer() throws IOException {
    if (printWriter != null) {
      printWriter.flush();
    }
    if (stream != null) {
      stream.flush();
    }
    super.flushBuffer();
  }

  /** After the servlet: writes out anything held back while looking for {@code </head>}. */
  void finish() throws IOException {
    if (injecting == null) {
      injecting(); // nothing was written: pass a deferred Content-Length on if it applies
    }
    if (printWriter != null) {
      writer.finishInjection();
      printWriter.flush();
    }
    if (stream != null) {
      stream.finishInjection();
      stream.flush();
    }
  }

  /** Flushes what the injector still holds; its sink's IOException comes back unwrapped. */
  private static void finish(HeadInjector injector) throws IOException {
    try {
      injector.finish();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static final class InjectingWriter extends Writer {
    private final Writer out;
    private final HeadInjector injector;
    private IOException failure;

    InjectingWriter(Writer out, String snippet) {
      this.out = out;
      this.injector = new HeadInjector(new HeadInjector.Sink() {
        @Override
        public void put(int c) {
          try {
            out.write(c);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public void putSnippet() {
          try {
            out.write(snippet);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      });
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
      int i = off;
      int end = off + len;
      try {
        while (i < end && !injector.isDone()) {
          injector.accept(chars[i++]);
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      if (i < end) {
        out.write(chars, i, end - i);
      }
    }

    void finishInjection() throws IOException {
      finish(injector);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      finishInjection();
      out.close();
    }
  }

  private static final class InjectingStream extends ServletOutputStream {
    private final ServletOutputStream out;
    private final HeadInjector injector;

    InjectingStream(ServletOutputStream out, String snippet) {
      this.out = out;
      byte[] snippetBytes = snippet.getBytes(StandardCharsets.UTF_8); // the snippet is ASCII
      this.injector = new HeadInjector(new HeadInjector.Sink() {
        @Override
        public void put(int c) {
          try {
            out.write(c);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public void putSnippet() {
          try {
            out.write(snippetBytes);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      });
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      int i = off;
      int end = off + len;
      try {
        while (i < end && !injector.isDone()) {
          injector.accept(bytes[i++] & 0xff);
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      if (i < end) {
        out.write(bytes, i, end - i);
      }
    }

    void finishInjection() throws IOException {
      finish(injector);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      finishInjection();
      out.close();
    }

    @Override
    public boolean isReady() {
      return out.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      out.setWriteListener(listener);
    }
  }
}
