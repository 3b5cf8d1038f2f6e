package io.minimind.contracts.spec;

import java.util.List;

/**
 * A pipeline spec was rejected. Carries every error found (not just the first), so a user fixes a
 * spec in one round trip; the orchestrator returns {@link #errors()} as the body of a 400 answer.
 */
public class SpecValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<SpecError> errors;

  /** @param errors at least one error */
  public SpecValidationException(List<SpecError> errors) {
    super(format(errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a SpecValidationException needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  /** The errors, in document order as far as they could be determined. */
  public List<SpecError> errors() {
    return errors;
  }

  /** One line per error, {@code pointer: message}, after a summary line. */
  private static String format(List<SpecError> errors) {
    StringBuilder sb = new StringBuilder("invalid pipeline spec (")
        .append(errors.size()).append(errors.size() == 1 ? " error)" : " errors)");
    for (SpecError e : errors) {
      sb.append('\n').append(e);
    }
    return sb.toString();
  }
}
