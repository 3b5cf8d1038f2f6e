package io.minimind.orchestrator.service;

import io.minimind.contracts.spec.PipelineSpec;
import io.minimind.contracts.spec.PipelineSpecs;
import io.minimind.orchestrator.domain.PipelineState;
import io.minimind.orchestrator.domain.StageState;
import io.minimind.orchestrator.store.AttemptStore;
import io.minimind.orchestrator.store.PipelineRow;
import io.minimind.orchestrator.store.PipelineStore;
import io.minimind.orchestrator.store.StageRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What happens to a pipeline when one of its stages ends: the next stage is dispatched, or the
 * pipeline ends (succeeded, failed, cancelled) and the stages that never ran are cancelled. Runs
 * inside the caller's transaction, after the stage row was updated.
 */
@ApplicationScoped
public class PipelineProgression {
  private static final int SPEC_CACHE_SIZE = 1024;
  private final PipelineStore pipelines;
  private final AttemptStore attempts;
  private final Dispatcher dispatcher;
  /** Recently used specs by pipeline id, least recently used evicted first. */
  private final Map<UUID, PipelineSpec> specs = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<UUID, PipelineSpec> eldest) {
      return size() > SPEC_CACHE_SIZE;
    }
  };

  public PipelineProgression(PipelineStore pipelines, AttemptStore attempts, Dispatcher dispatcher) {
    this.pipelines = pipelines;
    this.attempts = attempts;
    this.dispatcher = dispatcher;
  }

  /**
   * The validated spec of a stored pipeline, re-parsed from what the user submitted (specs never
   * change, so recent ones are cached: every event of a stage would otherwise parse it again).
   */
  public PipelineSpec spec(PipelineRow p) {
    synchronized (specs) {
      PipelineSpec cached = specs.get(p.id());
      if (cached != null) {
        return cached;
      }
    }
    PipelineSpec parsed = PipelineSpecs.parse(p.specText());
    remember(p.id(), parsed);
    return parsed;
  }

  /** Caches a spec just parsed elsewhere (at submission). */
  public void remember(UUID id, PipelineSpec spec) {
    synchronized (specs) {
      specs.put(id, spec);
    }
  }

  /** After a stage succeeded: dispatch the next pending stage, or finish the pipeline. */
  public void advance(Connection c, UUID pipelineId) throws SQLException {
    PipelineRow p = pipelines.find(c, pipelineId, true).orElseThrow();
    if (p.state().terminal()) {
      return;
    }
    List<StageRow> stages = pipelines.stages(c, pipelineId);
    for (StageRow s : stages) {
      if (s.state() == StageState.PENDING) {
        dispatcher.dispatch(c, spec(p), s, stages, 1, null);
        return;
      }
      if (s.state() != StageState.SUCCEEDED) {
        return; // still running (cannot happen for sequential stages, but never dispatch twice)
      }
    }
    pipelines.setState(c, pipelineId, PipelineState.SUCCEEDED, null);
  }

  /** Ends the pipeline as failed (or cancelled); stages that have not ended are cancelled. */
  public void end(Connection c, UUID pipelineId, PipelineState state, String error, String reason)
      throws SQLException {
    PipelineRow p = pipelines.find(c, pipelineId, true).orElseThrow();
    if (p.state().terminal()) {
      return;
    }
    for (StageRow s : pipelines.stages(c, pipelineId)) {
      if (s.state().terminal()) {
        continue;
      }
      if (s.state().live()) {
        attempts.finish(c, pipelineId, s.stageId(), s.attempt(), StageState.CANCELLED, reason);
        dispatcher.cancel(c, s, s.attempt(), reason);
      }
      pipelines.update(c, s.withState(StageState.CANCELLED));
    }
    pipelines.setState(c, pipelineId, state, error);
  }
}
