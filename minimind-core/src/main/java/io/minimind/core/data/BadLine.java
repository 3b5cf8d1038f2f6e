package io.minimind.core.data;

import java.nio.file.Path;

/**
 * A line of a JSONL file that cannot be used.
 *
 * @param path the file
 * @param lineNumber 1-based line number (blank and bad lines count)
 * @param reason what is wrong, e.g. {@code missing field "text"}
 */
public record BadLine(Path path, long lineNumber, String reason) {
  /** {@code file:line: reason}, the format compilers use. */
  @Override
  public String toString() {
    return path + ":" + lineNumber + ": " + reason;
  }
}
