package io.minimind.contracts.messages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A request to run one attempt of one stage, sent by the orchestrator on
 * {@link io.minimind.contracts.Topics#STAGE_REQUESTS} and taken by the worker that handles its
 * {@link #kind()}.
 *
 * @param messageId UUID string; workers deduplicate on it
 * @param schemaVersion {@link Messages#SCHEMA_VERSION}
 * @param pipelineId the pipeline the stage belongs to
 * @param stageId the stage within the pipeline
 * @param attempt attempt number, from 1
 * @param kind what to run
 * @param parameters the stage's parameters from the spec (epochs, batch size, lr, ...); JSON values
 *     as Jackson reads them (String, Integer/Long, Double, Boolean, List, Map, null)
 * @param inputUris artifacts the stage reads (shards, tokenizer, base checkpoint), in order; may be empty
 * @param outputUri where the stage writes its artifacts
 * @param resumeFrom checkpoint to resume from, or {@code null} to start fresh
 * @param createdAt when the orchestrator created the job, epoch milliseconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StageJob(
    String messageId,
    int schemaVersion,
    String pipelineId,
    String stageId,
    int attempt,
    StageKind kind,
    Map<String, Object> parameters,
    List<String> inputUris,
    String outputUri,
    String resumeFrom,
    long createdAt) implements StageMessage {

  private static final String T = "StageJob";

  public StageJob {
    Checks.envelope(T, messageId, schemaVersion, pipelineId, stageId, attempt, createdAt,
        "createdAt");
    if (kind == null) {
      throw new IllegalArgumentException(T + ".kind must not be null");
    }
    parameters = Checks.map(T, "parameters", parameters, true);
    inputUris = Checks.uris(T, "inputUris", inputUris);
    Checks.uri(T, "outputUri", outputUri);
    if (resumeFrom != null) {
      Checks.uri(T, "resumeFrom", resumeFrom);
    }
  }

  /** A new job with a fresh message id, the current schema version and the current time. */
  public static StageJob create(String pipelineId, String stageId, int attempt, StageKind kind,
      Map<String, Object> parameters, List<String> inputUris, String outputUri,
      String resumeFrom) {
    return new StageJob(Messages.newMessageId(), Messages.SCHEMA_VERSION, pipelineId, stageId,
        attempt, kind, parameters, inputUris, outputUri, resumeFrom, Messages.now());
  }
}
