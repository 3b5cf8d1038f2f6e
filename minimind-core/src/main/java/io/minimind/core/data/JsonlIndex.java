package io.minimind.core.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import io.minimind.core.io.StrictJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Byte offset and length of every good line of a JSONL file, built in one streaming pass. Each
 * non-blank line must be valid UTF-8, strict JSON, an object, and pass the {@link LineValidator};
 * anything else is a {@link BadLine} reported to the {@link BadLinePolicy} (which may throw).
 * Blank lines (empty or whitespace) are skipped silently but counted. Memory: 12 bytes per good
 * line plus the longest line.
 */
public final class JsonlIndex {
  private final Path path;
  private long[] offsets = new long[1024];
  private int[] lengths = new int[1024];
  private int size;
  private long blankLines;
  private final List<BadLine> bad = new ArrayList<>();

  private JsonlIndex(Path path) {
    this.path = path;
  }

  /**
   * Scans {@code file}.
   *
   * @throws DataFormatException when bad lines exceed the policy's limit
   */
  public static JsonlIndex build(Path file, LineValidator validator, BadLinePolicy policy)
      throws IOException {
    JsonlIndex index = new JsonlIndex(file);
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    LineScanner.scan(file, (number, offset, buf, length) -> {
      if (isBlank(buf, length)) {
        index.blankLines++;
        return;
      }
      String problem = problem(utf8, buf, length, validator);
      if (problem == null) {
        index.add(offset, length);
      } else {
        BadLine b = new BadLine(file, number, problem);
        index.bad.add(b);
        policy.report(b);
      }
    });
    return index;
  }

  /** Null if the line is good, else why not. */
  private static String problem(CharsetDecoder utf8, byte[] buf, int length, LineValidator v) {
    ByteBuffer in = ByteBuffer.wrap(buf, 0, length);
    CharBuffer out = CharBuffer.allocate(length);
    utf8.reset();
    CoderResult r = utf8.decode(in, out, true);
    if (r.isError()) {
      return "invalid UTF-8 at byte " + in.position() + " of the line";
    }
    utf8.flush(out);
    JsonElement e;
    try {
      e = StrictJson.parse(out.flip().toString());
    } catch (JsonParseException ex) {
      return "invalid JSON: " + ex.getMessage();
    }
    if (!e.isJsonObject()) {
      return "not a JSON object";
    }
    return v.problem(e.getAsJsonObject());
  }

  private static boolean isBlank(byte[] buf, int length) {
    for (int i = 0; i < length; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private void add(long offset, int length) {
    if (size == offsets.length) {
      offsets = Arrays.copyOf(offsets, size * 2);
      lengths = Arrays.copyOf(lengths, size * 2);
    }
    offsets[size] = offset;
    lengths[size] = length;
    size++;
  }

  public Path path() {
    return path;
  }

  /** Number of good lines (samples). */
  public int size() {
    return size;
  }

  /** Byte offset of good line {@code i} (0-based among good lines). */
  public long offset(int i) {
    return offsets[check(i)];
  }

  /** Byte length of good line {@code i}, without its line terminator. */
  public int length(int i) {
    return lengths[check(i)];
  }

  public long goodLines() {
    return size;
  }

  public long badLines() {
    return bad.size();
  }

  public long blankLines() {
    return blankLines;
  }

  /** The bad lines found, in file order. */
  public List<BadLine> badLinesReported() {
    return List.copyOf(bad);
  }

  private int check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("line " + i + " of " + size + " good lines in " + path);
    }
    return i;
  }
}
