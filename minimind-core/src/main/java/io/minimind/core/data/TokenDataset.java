package io.minimind.core.data;

/**
 * A finite, indexable set of training samples, encoded on demand. Implementations are safe for
 * concurrent {@link #get} calls.
 */
public interface TokenDataset {
  /** Number of samples. */
  int size();

  /**
   * The encoded sample at {@code index} (0-based).
   *
   * @throws IndexOutOfBoundsException when {@code index} is outside {@code [0, size())}
   */
  TokenizedSample get(int index);

  /** One line for logs: kind, source and counts. */
  String describe();
}
