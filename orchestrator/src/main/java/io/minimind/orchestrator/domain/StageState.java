package io.minimind.orchestrator.domain;

/**
 * Life of a stage (and of each of its attempts): {@code PENDING → DISPATCHED → RUNNING →
 * SUCCEEDED | FAILED | CANCELLED}. A lost or transiently failed attempt sends the stage back to
 * DISPATCHED with a new attempt number; see {@link StageMachine}.
 */
public enum StageState {
  /** Waiting for the stages before it. */
  PENDING,
  /** A job for the current attempt is in the outbox or on Kafka; no worker has reported yet. */
  DISPATCHED,
  /** A worker reported progress or a heartbeat for the current attempt. */
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** A worker may be running it: events and heartbeats of the current attempt are expected. */
  public boolean live() {
    return this == DISPATCHED || this == RUNNING;
  }

  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
