package io.minimind.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** JSON shapes of the pipeline API. */
public final class PipelineViews {
  private PipelineViews() {}

  /** {@code POST /v1/pipelines} answer. */
  public record Created(String id, String state, String self) {}

  /** One pipeline in a list. */
  public record Summary(String id, String name, String state, String error, Instant createdAt,
      Instant updatedAt, Instant finishedAt) {}

  public record Page(List<Summary> items, int page, int size, long total) {}

  /** {@code GET /v1/pipelines/{id}}. */
  public record Detail(String id, String name, String state, String error, Instant createdAt,
      Instant updatedAt, Instant finishedAt, List<Stage> stages, List<Model> models,
      JsonNode spec) {}

  public record Stage(String id, String kind, String state, int attempt, int maxAttempts,
      List<String> outputUris, Checkpoint lastCheckpoint, JsonNode latestMetrics, Failure error,
      List<Attempt> attempts) {}

  public record Checkpoint(String uri, long step) {}

  public record Failure(String errorClass, String message, String where) {}

  public record Attempt(int attempt, String state, String workerId, String resumeFrom,
      Instant dispatchedAt, Instant startedAt, Instant lastHeartbeat, Instant finishedAt,
      String outcome) {}

  public record Model(String name, int version, String uri, String pipelineId, String stageId,
      Instant publishedAt) {}

  /** One point of a stage's metric series. */
  public record Point(long step, int attempt, long totalSteps, double loss, double lr,
      double tokensPerSecond, Long etaSeconds, JsonNode metrics, Instant recordedAt) {}

  /** {@code GET /v1/pipelines/{id}/metrics}: series by stage id, in stage order. */
  public record Metrics(String pipelineId, Map<String, List<Point>> stages) {}
}
