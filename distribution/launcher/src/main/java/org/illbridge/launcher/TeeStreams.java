package org.illbridge.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Copies standard output and error to a log file as well as the terminal. */
final class TeeStreams {
  private TeeStreams() {}

  static void install(Path logFile) throws IOException {
    OutputStream file = new FileOutputStream(logFile.toFile(), true);
    System.setOut(tee(System.out, file));
    System.setErr(tee(System.err, file));
  }

  private static PrintStream tee(PrintStream terminal, OutputStream file) {
    OutputStream both =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            terminal.write(b);
            synchronized (file) {
              file.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            terminal.write(b, off, len);
            synchronized (file) {
              file.write(b, off, len);
            }
          }

          @Override
          public void flush() throws IOException {
            terminal.flush();
            synchronized (file) {
              file.flush();
            }
          }
        };
    return new PrintStream(both, true, StandardCharsets.UTF_8);
  }
}
