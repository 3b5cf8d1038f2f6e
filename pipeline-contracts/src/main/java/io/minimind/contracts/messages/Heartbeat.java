package io.minimind.contracts.messages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A worker is alive and still running the stage attempt; sent periodically on
 * {@link io.minimind.contracts.Topics#HEARTBEATS}. A stage whose heartbeats stop is re-dispatched.
 *
 * @param workerId the worker instance (stable for the life of the process)
 * @param at when the worker last made progress or checked in, epoch milliseconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Heartbeat(
    String messageId,
    int schemaVersion,
    String pipelineId,
    String stageId,
    int attempt,
    long sentAt,
    String workerId,
    long at) implements StageEvent {

  private static final String T = "Heartbeat";

  public Heartbeat {
    Checks.envelope(T, messageId, schemaVersion, pipelineId, stageId, attempt, sentAt, "sentAt");
    Checks.notBlank(T, "workerId", workerId);
    Checks.nonNegative(T, "at", at);
  }

  /** A new event for the given job's stage attempt, with a fresh message id and the current time. */
  public static Heartbeat of(StageJob job, String workerId, long at) {
    return new Heartbeat(Messages.newMessageId(), Messages.SCHEMA_VERSION, job.pipelineId(),
        job.stageId(), job.attempt(), Messages.now(), workerId, at);
  }
}
