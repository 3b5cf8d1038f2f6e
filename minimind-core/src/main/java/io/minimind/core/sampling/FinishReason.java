package io.minimind.core.sampling;

/** Why a sequence stopped generating (names follow OpenAI's finish_reason where they exist). */
public enum FinishReason {
  /** A stop id was produced. */
  STOP,
  /** max new tokens reached. */
  LENGTH,
  /** The model's context (max_position_embeddings) is full. */
  CONTEXT,
  /** The token sink asked to stop (client went away, cancellation). */
  CANCELLED
}
