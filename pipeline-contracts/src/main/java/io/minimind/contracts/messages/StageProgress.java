package io.minimind.contracts.messages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * Training progress, sent every N steps on {@link io.minimind.contracts.Topics#STAGE_EVENTS}.
 * Envelope fields as in {@link StageMessage}; {@code sentAt} in epoch milliseconds.
 *
 * @param step optimizer steps done in this stage, continuing across resumed attempts
 * @param totalSteps steps the stage will run in all (>= 1)
 * @param loss latest training loss (finite; a diverged run is reported as {@link StageFailed})
 * @param lr current learning rate
 * @param tokensPerSecond training throughput
 * @param etaSeconds estimated seconds to the end of the stage, or {@code null} when not yet known
 * @param metrics any further metrics (aux loss, grad norm, reward, ...), finite values
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageProgress(
    String messageId,
    int schemaVersion,
    String pipelineId,
    String stageId,
    int attempt,
    long sentAt,
    long step,
    long totalSteps,
    double loss,
    double lr,
    double tokensPerSecond,
    Long etaSeconds,
    Map<String, Double> metrics) implements StageEvent {

  private static final String T = "StageProgress";

  public StageProgress {
    Checks.envelope(T, messageId, schemaVersion, pipelineId, stageId, attempt, sentAt, "sentAt");
    Checks.nonNegative(T, "step", step);
    if (totalSteps < 1) {
      throw new IllegalArgumentException(T + ".totalSteps must be >= 1, got " + totalSteps);
    }
    if (step > totalSteps) {
      throw new IllegalArgumentException(
          T + ".step (" + step + ") must not exceed totalSteps (" + totalSteps + ")");
    }
    if (!Double.isFinite(loss)) {
      throw new IllegalArgumentException(T + ".loss must be finite, got " + loss);
    }
    Checks.finiteNonNegative(T, "lr", lr);
    Checks.finiteNonNegative(T, "tokensPerSecond", tokensPerSecond);
    if (etaSeconds != null) {
      Checks.nonNegative(T, "etaSeconds", etaSeconds);
    }
    metrics = Checks.metrics(T, "metrics", metrics);
  }

  /** A new event for the given job's stage attempt, with a fresh message id and the current time. */
  public static StageProgress of(StageJob job, long step, long totalSteps, double loss,
      double lr, double tokensPerSecond, Long etaSeconds, Map<String, Double> metrics) {
    return new StageProgress(Messages.newMessageId(), Messages.SCHEMA_VERSION, job.pipelineId(),
        job.stageId(), job.attempt(), Messages.now(), step, totalSteps, loss, lr, tokensPerSecond, etaSeconds, metrics);
  }
}
