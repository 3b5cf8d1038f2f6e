package io.minimind.tokenizer;

/** The request is well-formed JSON but its values are wrong (HTTP 422). */
public class InvalidRequestException extends RuntimeException {
  public InvalidRequestException(String message) {
    super(message);
  }
}
