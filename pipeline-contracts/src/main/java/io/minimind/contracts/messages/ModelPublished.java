package io.minimind.contracts.messages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A {@code publish} stage made a model available; sent on
 * {@link io.minimind.contracts.Topics#MODEL_PUBLISHED}.
 *
 * @param modelName the published name
 * @param version version of that name, from 1, increasing with each publication
 * @param uri the exported model artifact
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelPublished(
    String messageId,
    int schemaVersion,
    String pipelineId,
    String stageId,
    int attempt,
    long sentAt,
    String modelName,
    int version,
    String uri) implements StageEvent {

  private static final String T = "ModelPublished";

  public ModelPublished {
    Checks.envelope(T, messageId, schemaVersion, pipelineId, stageId, attempt, sentAt, "sentAt");
    Checks.notBlank(T, "modelName", modelName);
    if (version < 1) {
      throw new IllegalArgumentException(T + ".version must be >= 1, got " + version);
    }
    Checks.uri(T, "uri", uri);
  }

  /** A new event for the given job's stage attempt, with a fresh message id and the current time. */
  public static ModelPublished of(StageJob job, String modelName, int version,
      String uri) {
    return new ModelPublished(Messages.newMessageId(), Messages.SCHEMA_VERSION, job.pipelineId(),
        job.stageId(), job.attempt(), Messages.now(), modelName, version, uri);
  }
}
