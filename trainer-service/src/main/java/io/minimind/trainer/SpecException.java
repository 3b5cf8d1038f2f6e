package io.minimind.trainer;

/**
 * A job's parameters or URIs are wrong: a SPEC failure (not retried). Carries {@link #where()} (the
 * parameter or field, e.g. {@code parameters.batchSize}, {@code inputUris[0]}) so that the
 * orchestrator can point the user at the line of the spec to fix.
 */
public class SpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String where;

  public SpecException(String where, String message) {
    super(message);
    this.where = where;
  }

  /** The parameter or message field at fault. */
  public String where() {
    return where;
  }
}
