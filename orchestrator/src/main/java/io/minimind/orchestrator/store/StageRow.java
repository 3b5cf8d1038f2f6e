package io.minimind.orchestrator.store;

import io.minimind.contracts.messages.StageKind;
import io.minimind.orchestrator.domain.StageState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code stages}: the stage's current state and attempt, what it produced, its newest
 * checkpoint and metrics, and why it failed.
 */
public record StageRow(UUID pipelineId, String stageId, int position, StageKind kind,
    StageState state, int attempt, int maxAttempts, List<String> outputUris,
    String lastCheckpoint, Long lastCheckpointStep, String latestMetricsJson, String errorClass,
    String error, String errorWhere, Instant updatedAt) {

  public StageRow withState(StageState s) {
    return new StageRow(pipelineId, stageId, position, kind, s, attempt, maxAttempts, outputUris,
        lastCheckpoint, lastCheckpointStep, latestMetricsJson, errorClass, error, errorWhere, updatedAt);
  }

  public StageRow withAttempt(int a) {
    return new StageRow(pipelineId, stageId, position, kind, state, a, maxAttempts, outputUris,
        lastCheckpoint, lastCheckpointStep, latestMetricsJson, errorClass, error, errorWhere, updatedAt);
  }

  public StageRow withOutputs(List<String> uris) {
    return new StageRow(pipelineId, stageId, position, kind, state, attempt, maxAttempts, uris,
        lastCheckpoint, lastCheckpointStep, latestMetricsJson, errorClass, error, errorWhere, updatedAt);
  }

  public StageRow withCheckpoint(String uri, long step) {
    return new StageRow(pipelineId, stageId, position, kind, state, attempt, maxAttempts, outputUris,
        uri, step, latestMetricsJson, errorClass, error, errorWhere, updatedAt);
  }

  public StageRow withMetrics(String json) {
    return new StageRow(pipelineId, stageId, position, kind, state, attempt, maxAttempts, outputUris,
        lastCheckpoint, lastCheckpointStep, json, errorClass, error, errorWhere, updatedAt);
  }

  public StageRow withError(String cls, String message, String where) {
    return new StageRow(pipelineId, stageId, position, kind, state, attempt, maxAttempts, outputUris,
        lastCheckpoint, lastCheckpointStep, latestMetricsJson, cls, message, where, updatedAt);
  }
}
