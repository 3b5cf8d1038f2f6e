package io.minimind.contracts.messages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A checkpoint was written (atomically) and can be resumed from; sent on
 * {@link io.minimind.contracts.Topics#STAGE_EVENTS}. The orchestrator records the latest one and
 * names it in {@link StageJob#resumeFrom()} when it re-dispatches the stage.
 *
 * @param uri the checkpoint artifact
 * @param step the optimizer step the checkpoint holds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckpointSaved(
    String messageId,
    int schemaVersion,
    String pipelineId,
    String stageId,
    int attempt,
    long sentAt,
    String uri,
    long step) implements StageEvent {

  private static final String T = "CheckpointSaved";

  public CheckpointSaved {
    Checks.envelope(T, messageId, schemaVersion, pipelineId, stageId, attempt, sentAt, "sentAt");
    Checks.uri(T, "uri", uri);
    Checks.nonNegative(T, "step", step);
  }

  /** A new event for the given job's stage attempt, with a fresh message id and the current time. */
  public static CheckpointSaved of(StageJob job, String uri, long step) {
    return new CheckpointSaved(Messages.newMessageId(), Messages.SCHEMA_VERSION, job.pipelineId(),
        job.stageId(), job.attempt(), Messages.now(), uri, step);
  }
}
