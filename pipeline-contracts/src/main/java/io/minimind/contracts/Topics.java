package io.minimind.contracts;

/**
 * Kafka topic names shared by every service. Services map their channels to these names in
 * configuration; code refers to the constants so a rename happens in one place. Message records
 * are in {@link io.minimind.contracts.messages}; keys are the pipeline id so that one pipeline's
 * messages stay in order on one partition.
 */
public final class Topics {
  /**
   * Stage jobs ({@link io.minimind.contracts.messages.StageJob}). Produced by the orchestrator;
   * consumed by trainer-service (training kinds) and tokenizer-service ({@code tokenizer-train},
   * {@code tokenize-dataset}), each in its own consumer group, skipping kinds it does not run.
   */
  public static final String STAGE_REQUESTS = "minimind.stage-requests";

  /**
   * Stage jobs that need a GPU (parameter {@code device: gpu}); only workers with a GPU consume
   * this topic, so a job never lands on a worker that cannot finish it.
   */
  public static final String STAGE_REQUESTS_GPU = "minimind.stage-requests.gpu";

  /**
   * Stage events ({@link io.minimind.contracts.messages.StageEvent}: progress, checkpoint saved,
   * stage completed, stage failed). Produced by the workers (trainer-service, tokenizer-service);
   * consumed by the orchestrator.
   */
  public static final String STAGE_EVENTS = "minimind.stage-events";

  /**
   * Worker heartbeats ({@link io.minimind.contracts.messages.Heartbeat}) for running stage
   * attempts. Produced by the workers; consumed by the orchestrator, which re-dispatches a stage
   * whose heartbeats stop. Kept apart from stage events so that frequent liveness messages do not
   * delay progress handling.
   */
  public static final String HEARTBEATS = "minimind.heartbeats";

  /**
   * A model finished and published ({@link io.minimind.contracts.messages.ModelPublished}).
   * Produced by the worker running the {@code publish} stage; consumed by the orchestrator (model
   * registry) and inference-service, which hot-swaps on it.
   */
  public static final String MODEL_PUBLISHED = "minimind.model-published";

  /**
   * Control commands to workers ({@link io.minimind.contracts.messages.StageCancel}). Produced by the
   * orchestrator; read by every worker instance (each in its own consumer group, from the latest
   * offset), so a cancel reaches whichever worker runs the attempt.
   */
  public static final String STAGE_CONTROL = "minimind.stage-control";

  private Topics() {}
}
