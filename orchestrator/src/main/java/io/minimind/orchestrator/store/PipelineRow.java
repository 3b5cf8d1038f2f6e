package io.minimind.orchestrator.store;

import io.minimind.orchestrator.domain.PipelineState;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code pipelines}. {@code specJson} is the validated spec, {@code specText} as submitted. */
public record PipelineRow(UUID id, String name, PipelineState state, String specJson,
    String specText, String error, Instant createdAt, Instant updatedAt, Instant finishedAt) {}
