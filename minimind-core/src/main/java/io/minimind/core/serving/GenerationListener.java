package io.minimind.core.serving;

import io.minimind.core.sampling.FinishReason;

/**
 * Receives one request's tokens from the batcher's thread, as they are sampled. Implementations
 * must be quick (hand the token to an I/O thread); the whole batch waits for them.
 */
public interface GenerationListener {
  /**
   * A generated token (stop ids are not passed here; they end the request).
   *
   * @return false to cancel the request (e.g. the client went away)
   */
  boolean onToken(TokenChoice token);

  /**
   * The request ended.
   *
   * @param promptTokens tokens of the prompt
   * @param completionTokens tokens generated, the stop id included when there was one
   */
  void onFinish(FinishReason reason, int promptTokens, int completionTokens);

  /** The request failed (timeout, model error); no further calls follow. */
  void onError(Throwable error);
}
