package io.minimind.contracts.messages;

/**
 * Why a stage attempt failed; decides whether the orchestrator retries it. JSON values are the
 * constant names ({@code "DATA"}, ...).
 */
public enum ErrorClass {
  /** Bad input data (malformed jsonl line, missing file). Not retried: the same data fails again. */
  DATA(false),
  /** Bad pipeline spec or stage parameters. Not retried. */
  SPEC(false),
  /** Out of memory, lost broker, I/O hiccup: retried as a new attempt, up to the retry limit. */
  TRANSIENT(true),
  /** A bug or unexpected state in the worker. Not retried automatically: it would fail the same way. */
  INTERNAL(false);

  private final boolean retriable;

  ErrorClass(boolean retriable) {
    this.retriable = retriable;
  }

  /** Whether the orchestrator should dispatch a new attempt for a failure of this class. */
  public boolean retriable() {
    return retriable;
  }
}
