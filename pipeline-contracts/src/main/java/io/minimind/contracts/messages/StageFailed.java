package io.minimind.contracts.messages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The stage attempt failed; sent on {@link io.minimind.contracts.Topics#STAGE_EVENTS}. The
 * orchestrator retries it as a new attempt only when {@code errorClass.retriable()}.
 *
 * @param errorClass why it failed; decides retrying
 * @param message what went wrong, for people
 * @param where where it went wrong (file and line, JSON pointer into the spec, component), or
 *     {@code null} when there is no better place than the stage itself
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageFailed(
    String messageId,
    int schemaVersion,
    String pipelineId,
    String stageId,
    int attempt,
    long sentAt,
    ErrorClass errorClass,
    String message,
    String where) implements StageEvent {

  private static final String T = "StageFailed";

  public StageFailed {
    Checks.envelope(T, messageId, schemaVersion, pipelineId, stageId, attempt, sentAt, "sentAt");
    if (errorClass == null) {
      throw new IllegalArgumentException(T + ".errorClass must not be null");
    }
    Checks.notBlank(T, "message", message);
    if (where != null) {
      Checks.notBlank(T, "where", where);
    }
  }

  /** A new event for the given job's stage attempt, with a fresh message id and the current time. */
  public static StageFailed of(StageJob job, ErrorClass errorClass, String message,
      String where) {
    return new StageFailed(Messages.newMessageId(), Messages.SCHEMA_VERSION, job.pipelineId(),
        job.stageId(), job.attempt(), Messages.now(), errorClass, message, where);
  }
}
