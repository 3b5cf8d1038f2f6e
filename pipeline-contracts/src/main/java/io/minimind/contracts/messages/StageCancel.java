package io.minimind.contracts.messages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Stop a stage attempt; sent by the orchestrator on {@link io.minimind.contracts.Topics#STAGE_CONTROL}
 * when a pipeline is cancelled, or when an attempt was given up (its worker stopped heartbeating)
 * but turns out to be still alive. Every worker reads every cancel (each worker instance has its
 * own consumer group); the one running the attempt stops at the next step boundary, and a worker
 * that has not started it yet skips it. Cancelling an attempt that is not running is harmless.
 *
 * @param sentAt epoch milliseconds
 * @param reason why, for people (e.g. "pipeline cancelled by user", "superseded by attempt 3")
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageCancel(
    String messageId,
    int schemaVersion,
    String pipelineId,
    String stageId,
    int attempt,
    long sentAt,
    String reason) implements StageMessage {

  private static final String T = "StageCancel";

  public StageCancel {
    Checks.envelope(T, messageId, schemaVersion, pipelineId, stageId, attempt, sentAt, "sentAt");
    Checks.notBlank(T, "reason", reason);
  }

  /** A new cancel with a fresh message id and the current time. */
  public static StageCancel of(String pipelineId, String stageId, int attempt, String reason) {
    return new StageCancel(Messages.newMessageId(), Messages.SCHEMA_VERSION, pipelineId, stageId,
        attempt, Messages.now(), reason);
  }

  /** Whether this cancel is meant for the given job's attempt. */
  public boolean targets(StageJob job) {
    return pipelineId.equals(job.pipelineId()) && stageId.equals(job.stageId())
        && attempt == job.attempt();
  }
}
