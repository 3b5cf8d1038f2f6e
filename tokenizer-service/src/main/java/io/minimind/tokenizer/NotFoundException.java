package io.minimind.tokenizer;

/** A named resource (tokenizer, dataset) does not exist (HTTP 404). */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
