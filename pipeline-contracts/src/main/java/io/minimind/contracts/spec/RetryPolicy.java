package io.minimind.contracts.spec;

/**
 * @param maxAttempts attempts per stage (1..10, default 3); a stage that failed for a transient
 *     reason or whose worker was lost is re-dispatched until this many attempts were made
 */
public record RetryPolicy(int maxAttempts) {
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** The most attempts a spec may ask for; more would mostly hide a real failure. */
  public static final int MAX_ATTEMPTS_LIMIT = 10;

  public static RetryPolicy defaults() {
    return new RetryPolicy(DEFAULT_MAX_ATTEMPTS);
  }
}
