package io.minimind.contracts;

/**
 * Kafka topic names shared by every service. Services map their channels to these names in
 * configuration; code refers to the constants so a rename happens in one place.
 */
public final class Topics {
  /** Stage jobs sent by the orchestrator to workers (tokenizer-service, trainer-service). */
  public static final String STAGE_REQUESTS = "minimind.stage-requests";

  /** Progress, checkpoint, completion and failure events sent back by workers. */
  public static final String STAGE_EVENTS = "minimind.stage-events";

  /** A model finished and published; inference services hot-swap on it. */
  public static final String MODEL_PUBLISHED = "minimind.model-published";

  private Topics() {}
}
