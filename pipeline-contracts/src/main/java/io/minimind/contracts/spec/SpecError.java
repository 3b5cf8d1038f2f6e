package io.minimind.contracts.spec;

import java.util.Objects;

/**
 * One thing wrong with a pipeline spec. The pointer lets a UI or CLI highlight the exact field
 * (it works for YAML too, since YAML and JSON specs have the same tree), and the message says what
 * was found and what was expected, so a user can fix the spec without reading the docs.
 *
 * @param pointer an RFC 6901 JSON pointer to the bad field, e.g. {@code /stages/1/parameters/epochs};
 *     {@code ""} is the whole document. A missing required field points where it would be.
 * @param message what is wrong and what was expected, e.g. {@code must be a number in (0, 1), got
 *     "fast"}; one line
 */
public record SpecError(String pointer, String message) {

  public SpecError {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  /**
   * The pointer to a child of {@code parent}: a map key or a list index. Escapes {@code ~} and
   * {@code /} as RFC 6901 requires, so keys such as {@code rope_scaling/x} stay unambiguous.
   */
  public static String child(String parent, Object token) {
    String t = String.valueOf(token).replace("~", "~0").replace("/", "~1");
    return parent + "/" + t;
  }

  /** {@code pointer: message}, or {@code (root): message} for the whole document. */
  @Override
  public String toString() {
    return (pointer.isEmpty() ? "(root)" : pointer) + ": " + message;
  }
}
