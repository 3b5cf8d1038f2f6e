package io.minimind.core.data;

/** A token shard or its manifest is damaged, of another version, or made with another tokenizer. */
public final class ShardFormatException extends RuntimeException {
  public ShardFormatException(String message) {
    super(message);
  }
}
