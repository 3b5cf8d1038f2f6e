package io.minimind.contracts.messages;

/**
 * The envelope every Kafka message carries: which message (for deduplication), which schema, and
 * which stage attempt it belongs to. Implemented by {@link StageJob} and every {@link StageEvent}.
 */
public sealed interface StageMessage permits StageJob, StageCancel, StageEvent {
  /** UUID string, unique per message; at-least-once consumers deduplicate on it. */
  String messageId();

  /** {@link Messages#SCHEMA_VERSION} at the time of writing. */
  int schemaVersion();

  String pipelineId();

  String stageId();

  /** Attempt number of the stage, from 1; a re-dispatch after a failure or lost worker is a new attempt. */
  int attempt();
}
