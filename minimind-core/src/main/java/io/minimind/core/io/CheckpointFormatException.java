package io.minimind.core.io;

/**
 * A checkpoint, tensor file or {@code config.json} is malformed or does not match the model. Fatal:
 * retrying the same load cannot succeed. The message names the file and the tensor or field.
 */
public class CheckpointFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckpointFormatException(String message) {
    super(message);
  }

  public CheckpointFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
