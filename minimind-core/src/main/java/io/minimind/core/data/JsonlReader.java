package io.minimind.core.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;

/**
 * Random access to the good lines of a {@link JsonlIndex} by positional reads. Thread-safe: {@code
 * FileChannel.read(buffer, position)} does not move a shared file pointer.
 */
public final class JsonlReader implements AutoCloseable {
  private final JsonlIndex index;
  private final FileChannel channel;

  public JsonlReader(JsonlIndex index) throws IOException {
    this.index = index;
    this.channel = FileChannel.open(index.path(), StandardOpenOption.READ);
  }

  public int size() {
    return index.size();
  }

  /** Good line {@code i} as text (without its terminator). */
  public String line(int i) {
    ByteBuffer buf = ByteBuffer.allocate(index.length(i));
    long pos = index.offset(i);
    try {
      while (buf.hasRemaining()) {
        int n = channel.read(buf, pos + buf.position());
        if (n < 0) {
          throw new EOFException(index.path() + " shrank since it was indexed (line " + i + ")");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + index.path() + " at byte " + pos, e);
    }
    return new String(buf.array(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
