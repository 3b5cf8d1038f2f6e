package io.minimind.core.serving;

/** A request parameter out of range; {@link #param()} names it (OpenAI's {@code error.param}). */
public final class InvalidParameterException extends IllegalArgumentException {
  private final String param;

  public InvalidParameterException(String param, String message) {
    super(message);
    this.param = param;
  }

  public String param() {
    return param;
  }
}
