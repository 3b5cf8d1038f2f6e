package io.minimind.stack;

/**
 * A problem the user can fix (port taken, jar not built, service not ready), reported as one
 * message without a stack trace; the message says what to do.
 */
public final class StackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
