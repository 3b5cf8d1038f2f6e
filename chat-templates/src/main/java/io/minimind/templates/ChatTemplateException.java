package io.minimind.templates;

/**
 * A chat template that cannot be compiled or rendered: a syntax error, an unknown filter, test or
 * function, or the template calling {@code raise_exception}. The message names the construct and
 * the template line.
 */
public class ChatTemplateException extends RuntimeException {
  private final int line;
  private final String construct;

  public ChatTemplateException(String message, String construct, int line, Throwable cause) {
    super(format(message, construct, line), cause);
    this.line = line;
    this.construct = construct;
  }

  /** The template line (1-based), or -1 when unknown. */
  public int line() {
    return line;
  }

  /** The failing piece of template text (tag, expression, filter name), or null. */
  public String construct() {
    return construct;
  }

  private static String format(String message, String construct, int line) {
    StringBuilder sb = new StringBuilder("chat template");
    if (line > 0) {
      sb.append(" line ").append(line);
    }
    if (construct != null && !construct.isBlank()) {
      sb.append(" at '").append(construct.strip()).append('\'');
    }
    return sb.append(": ").append(message).toString();
  }

  /** Raised by the template itself through {@code raise_exception(message)}. */
  public static final class Raised extends ChatTemplateException {
    public Raised(String message, String construct, int line) {
      super("raise_exception: " + message, construct, line, null);
    }
  }
}
