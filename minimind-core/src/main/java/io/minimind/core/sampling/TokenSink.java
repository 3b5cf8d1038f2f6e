package io.minimind.core.sampling;

/** Receives generated tokens as they are produced (the streaming API). */
@FunctionalInterface
public interface TokenSink {
  /**
   * @param row index of the sequence in the batch
   * @param token the new token id
   * @return false to stop this sequence now
   */
  boolean accept(int row, int token);
}
