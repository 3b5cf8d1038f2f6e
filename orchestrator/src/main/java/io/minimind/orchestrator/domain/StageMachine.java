package io.minimind.orchestrator.domain;

import io.minimind.contracts.messages.ErrorClass;

/**
 * The stage state machine as a pure function: given what the database says about a stage and
 * something that happened to one of its attempts, decide what to do. No I/O here, so every
 * transition is unit-tested; {@code StageEventHandler} applies the decision in one transaction.
 *
 * <p>Rules: events of an attempt other than the current one are stale (that worker was given up
 * on) and answered with a cancel; events for a finished stage change nothing; a transient failure
 * or a lost worker starts a new attempt (resuming from the last checkpoint) while attempts remain;
 * data, spec and internal failures end the stage at once.
 */
public final class StageMachine {
  private StageMachine() {}

  /** What the database holds about the stage. */
  public record Snapshot(StageState state, int attempt, int maxAttempts) {}

  /** Something that happened to attempt {@code attempt} of the stage. */
  public sealed interface Input {
    int attempt();
  }

  /** Progress, a checkpoint, or a heartbeat: the attempt is alive. */
  public record Alive(int attempt) implements Input {}

  public record Completed(int attempt) implements Input {}

  public record Failed(int attempt, ErrorClass errorClass) implements Input {}

  /** The attempt stopped heartbeating for longer than the timeout. */
  public record Lost(int attempt) implements Input {}

  /** What to do. */
  public enum Action {
    /** Nothing: a duplicate, or news about a stage that already ended. */
    IGNORE,
    /** Tell the worker of this (old) attempt to stop; change nothing else. */
    CANCEL_STALE,
    /** Record the event; DISPATCHED becomes RUNNING. */
    RECORD,
    /** The stage succeeded: record outputs, then start the next stage or finish the pipeline. */
    SUCCEED,
    /** Dispatch attempt + 1, resuming from the last checkpoint. */
    RETRY,
    /** The stage failed for good, and with it the pipeline. */
    FAIL
  }

  public static Action decide(Snapshot stage, Input input) {
    if (input.attempt() != stage.attempt()) {
      // An attempt we gave up on (or a redelivered old job): never let it change state, and if it
      // is still running somewhere, stop it. Events from the future cannot happen (attempts are
      // numbered by us), so treat them the same way.
      return stage.state().terminal() && input instanceof Lost ? Action.IGNORE : Action.CANCEL_STALE;
    }
    if (!stage.state().live()) {
      return Action.IGNORE; // finished, cancelled, or not yet dispatched
    }
    if (input instanceof Alive) {
      return Action.RECORD;
    }
    if (input instanceof Completed) {
      return Action.SUCCEED;
    }
    boolean retriable = input instanceof Lost
        || (input instanceof Failed f && f.errorClass().retriable());
    return retriable && stage.attempt() < stage.maxAttempts() ? Action.RETRY : Action.FAIL;
  }

  /** The state after {@link Action#RECORD}. */
  public static StageState afterRecord(StageState current) {
    return current == StageState.DISPATCHED ? StageState.RUNNING : current;
  }
}
