package io.minimind.trainer;

import io.minimind.contracts.messages.StageCancel;
import io.minimind.contracts.messages.StageJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which stage attempts this worker has already started or has been told to cancel. Kafka delivers
 * at least once, and a job is acknowledged when it starts, so a redelivery (rebalance, restart of
 * the consumer) must not run an attempt twice; and a cancel may overtake its job. Both sets are
 * bounded (oldest forgotten first): redeliveries come soon, and an unbounded set would grow for
 * the life of the worker.
 */
@ApplicationScoped
public class AttemptLedger {
  private final Map<String, Boolean> started;
  private final Map<String, Boolean> cancelled;

  public AttemptLedger(WorkerSettings settings) {
    this.started = bounded(settings.rememberedAttempts());
    this.cancelled = bounded(settings.rememberedAttempts());
  }

  /** The dedupe key of a job's attempt. */
  public static String key(StageJob job) {
    return job.pipelineId() + "/" + job.stageId() + "#" + job.attempt();
  }

  static String key(StageCancel cancel) {
    return cancel.pipelineId() + "/" + cancel.stageId() + "#" + cancel.attempt();
  }

  /**
   * Claims the attempt for running.
   *
   * @return false when it already ran (or runs) here or was cancelled: skip it
   */
  public synchronized boolean claim(StageJob job) {
    String k = key(job);
    if (cancelled.containsKey(k) || started.containsKey(k)) {
      return false;
    }
    started.put(k, Boolean.TRUE);
    return true;
  }

  /** Records a cancel; a running attempt sees it at its next step, a future delivery is skipped. */
  public synchronized void cancel(StageCancel cancel) {
    cancelled.put(key(cancel), Boolean.TRUE);
  }

  public synchronized boolean isCancelled(StageJob job) {
    return cancelled.containsKey(key(job));
  }

  /** Forgets everything, as a restarted worker would (tests of redelivery after a crash). */
  public synchronized void clear() {
    started.clear();
    cancelled.clear();
  }

  private static Map<String, Boolean> bounded(int capacity) {
    return new LinkedHashMap<>() {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }
}
