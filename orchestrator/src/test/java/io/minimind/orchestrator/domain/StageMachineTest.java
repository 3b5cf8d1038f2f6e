package io.minimind.orchestrator.domain;

import static io.minimind.orchestrator.domain.StageMachine.Action.CANCEL_STALE;
import static io.minimind.orchestrator.domain.StageMachine.Action.FAIL;
import static io.minimind.orchestrator.domain.StageMachine.Action.IGNORE;
import static io.minimind.orchestrator.domain.StageMachine.Action.RECORD;
import static io.minimind.orchestrator.domain.StageMachine.Action.RETRY;
import static io.minimind.orchestrator.domain.StageMachine.Action.SUCCEED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minimind.contracts.messages.ErrorClass;
import io.minimind.orchestrator.domain.StageMachine.Alive;
import io.minimind.orchestrator.domain.StageMachine.Completed;
import io.minimind.orchestrator.domain.StageMachine.Failed;
import io.minimind.orchestrator.domain.StageMachine.Lost;
import io.minimind.orchestrator.domain.StageMachine.Snapshot;
import org.junit.jupiter.api.Test;

class StageMachineTest {
  private static StageMachine.Action decide(StageState s, int attempt, int max, StageMachine.Input in) {
    return StageMachine.decide(new Snapshot(s, attempt, max), in);
  }

  @Test
  void signsOfLifeAreRecordedAndStartTheStage() {
    assertEquals(RECORD, decide(StageState.DISPATCHED, 1, 3, new Alive(1)));
    assertEquals(RECORD, decide(StageState.RUNNING, 2, 3, new Alive(2)));
    assertEquals(StageState.RUNNING, StageMachine.afterRecord(StageState.DISPATCHED));
    assertEquals(StageState.RUNNING, StageMachine.afterRecord(StageState.RUNNING));
  }

  @Test
  void completionOfTheCurrentAttemptSucceeds() {
    assertEquals(SUCCEED, decide(StageState.RUNNING, 1, 3, new Completed(1)));
    // A fast stage can complete before its first progress event was applied.
    assertEquals(SUCCEED, decide(StageState.DISPATCHED, 1, 3, new Completed(1)));
  }

  @Test
  void onlyTransientFailuresAndLostWorkersAreRetriedWhileAttemptsRemain() {
    assertEquals(RETRY, decide(StageState.RUNNING, 1, 3, new Failed(1, ErrorClass.TRANSIENT)));
    assertEquals(RETRY, decide(StageState.RUNNING, 2, 3, new Lost(2)));
    assertEquals(FAIL, decide(StageState.RUNNING, 3, 3, new Lost(3)));
    assertEquals(FAIL, decide(StageState.RUNNING, 3, 3, new Failed(3, ErrorClass.TRANSIENT)));
    assertEquals(FAIL, decide(StageState.RUNNING, 1, 3, new Failed(1, ErrorClass.DATA)));
    assertEquals(FAIL, decide(StageState.RUNNING, 1, 3, new Failed(1, ErrorClass.SPEC)));
    assertEquals(FAIL, decide(StageState.RUNNING, 1, 3, new Failed(1, ErrorClass.INTERNAL)));
  }

  @Test
  void staleAttemptsAreCancelledAndChangeNothing() {
    assertEquals(CANCEL_STALE, decide(StageState.RUNNING, 2, 3, new Alive(1)));
    assertEquals(CANCEL_STALE, decide(StageState.RUNNING, 2, 3, new Completed(1)));
    assertEquals(CANCEL_STALE, decide(StageState.DISPATCHED, 2, 3, new Failed(1, ErrorClass.DATA)));
    assertEquals(CANCEL_STALE, decide(StageState.SUCCEEDED, 2, 3, new Alive(1)));
  }

  @Test
  void eventsForAnEndedStageAreIgnored() {
    for (StageState ended : new StageState[] {StageState.SUCCEEDED, StageState.FAILED, StageState.CANCELLED}) {
      assertEquals(IGNORE, decide(ended, 1, 3, new Alive(1)), ended.name());
      assertEquals(IGNORE, decide(ended, 1, 3, new Completed(1)), ended.name());
      assertEquals(IGNORE, decide(ended, 1, 3, new Failed(1, ErrorClass.TRANSIENT)), ended.name());
      assertEquals(IGNORE, decide(ended, 1, 3, new Lost(1)), ended.name());
    }
    assertEquals(IGNORE, decide(StageState.PENDING, 0, 3, new Alive(0)));
  }
}
