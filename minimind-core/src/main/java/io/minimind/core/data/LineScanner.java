package io.minimind.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams a file line by line at the byte level, tracking byte offsets, with a fixed read buffer
 * and one growable line buffer (the longest line), never the whole file. Line endings {@code \n}
 * or {@code \r\n}; a last line without newline counts; a UTF-8 BOM at the start of the file is
 * skipped (the offset of line 1 is then 3).
 */
final class LineScanner {
  private static final int CHUNK = 1 << 16;

  /** Receives each line without its terminator. */
  interface LineSink {
    void line(long lineNumber, long offset, byte[] buf, int length) throws IOException;
  }

  private LineScanner() {}

  static void scan(Path file, LineSink sink) throws IOException {
    byte[] chunk = new byte[CHUNK];
    byte[] line = new byte[256];
    int len = 0;
    long pos = 0; // file offset of chunk[0]
    long lineStart = 0;
    long lineNumber = 1;
    boolean first = true;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(chunk)) > 0) {
        for (int i = 0; i < n; i++) {
          byte b = chunk[i];
          if (b == '\n') {
            emit(sink, lineNumber++, lineStart, line, len, first);
            first = false;
            len = 0;
            lineStart = pos + i + 1;
          } else {
            if (len == line.length) {
              line = Arrays.copyOf(line, Math.multiplyExact(line.length, 2));
            }
            line[len++] = b;
          }
        }
        pos += n;
      }
    }
    if (len > 0) {
      emit(sink, lineNumber, lineStart, line, len, first);
    }
  }

  private static void emit(LineSink sink, long number, long start, byte[] line, int len,
      boolean first) throws IOException {
    int skip = 0;
    if (first && len >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb
        && (line[2] & 0xff) == 0xbf) {
      skip = 3; // UTF-8 byte order mark
      System.arraycopy(line, 3, line, 0, len - 3);
    }
    int n = len - skip;
    if (n > 0 && line[n - 1] == '\r') {
      n--;
    }
    sink.line(number, start + skip, line, n);
  }
}
