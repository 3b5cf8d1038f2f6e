package io.minimind.core.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many malformed lines a run tolerates. Each bad line is logged at WARN as {@code
 * file:line: reason} and counted; the line that makes the count exceed {@code maxBadLines} throws
 * {@link DataFormatException}. {@code maxBadLines = 0} stops at the first bad line. One instance
 * counts across every file it is used for. Thread-safe.
 */
public final class BadLinePolicy {
  private static final Logger LOG = LoggerFactory.getLogger(BadLinePolicy.class);

  private final int maxBadLines;
  private int count;

  public BadLinePolicy(int maxBadLines) {
    if (maxBadLines < 0) {
      throw new IllegalArgumentException("maxBadLines must be >= 0, got " + maxBadLines);
    }
    this.maxBadLines = maxBadLines;
  }

  /** No bad line allowed. */
  public static BadLinePolicy strict() {
    return new BadLinePolicy(0);
  }

  /**
   * Logs and counts one bad line.
   *
   * @throws DataFormatException when this line exceeds the limit
   */
  public synchronized void report(BadLine bad) {
    count++;
    LOG.warn("{}", bad);
    if (count > maxBadLines) {
      throw new DataFormatException(bad, count, maxBadLines);
    }
  }

  public int maxBadLines() {
    return maxBadLines;
  }

  /** Bad lines reported so far. */
  public synchronized int count() {
    return count;
  }
}
