package io.minimind.orchestrator.store;

import io.minimind.orchestrator.domain.StageState;
import java.time.Instant;

/** A row of {@code attempts}: one dispatch of a stage and how it went. */
public record AttemptRow(String stageId, int attempt, StageState state, String jobMessageId,
    String resumeFrom, String workerId, Instant dispatchedAt, Instant startedAt,
    Instant lastHeartbeat, Instant finishedAt, String outcome) {}
