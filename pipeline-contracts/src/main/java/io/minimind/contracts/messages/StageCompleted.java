package io.minimind.contracts.messages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The stage attempt succeeded; sent on {@link io.minimind.contracts.Topics#STAGE_EVENTS}.
 *
 * @param outputUris the artifacts the stage produced (may be empty, e.g. for {@code publish})
 * @param metrics summary metrics (final loss, tokens seen, wall seconds, ...), finite values
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageCompleted(
    String messageId,
    int schemaVersion,
    String pipelineId,
    String stageId,
    int attempt,
    long sentAt,
    List<String> outputUris,
    Map<String, Double> metrics) implements StageEvent {

  private static final String T = "StageCompleted";

  public StageCompleted {
    Checks.envelope(T, messageId, schemaVersion, pipelineId, stageId, attempt, sentAt, "sentAt");
    outputUris = Checks.uris(T, "outputUris", outputUris);
    metrics = Checks.metrics(T, "metrics", metrics);
  }

  /** A new event for the given job's stage attempt, with a fresh message id and the current time. */
  public static StageCompleted of(StageJob job, List<String> outputUris,
      Map<String, Double> metrics) {
    return new StageCompleted(Messages.newMessageId(), Messages.SCHEMA_VERSION, job.pipelineId(),
        job.stageId(), job.attempt(), Messages.now(), outputUris, metrics);
  }
}
