package io.minimind.orchestrator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minimind.contracts.messages.CheckpointSaved;
import io.minimind.contracts.messages.Heartbeat;
import io.minimind.contracts.messages.ModelPublished;
import io.minimind.contracts.messages.StageCompleted;
import io.minimind.contracts.messages.StageEvent;
import io.minimind.contracts.messages.StageFailed;
import io.minimind.contracts.messages.StageKind;
import io.minimind.contracts.messages.StageProgress;
import io.minimind.orchestrator.domain.PipelineState;
import io.minimind.orchestrator.domain.StageMachine;
import io.minimind.orchestrator.domain.StageState;
import io.minimind.orchestrator.store.AttemptStore;
import io.minimind.orchestrator.store.Database;
import io.minimind.orchestrator.store.MetricStore;
import io.minimind.orchestrator.store.ModelStore;
import io.minimind.orchestrator.store.PipelineStore;
import io.minimind.orchestrator.store.ProcessedMessages;
import io.minimind.orchestrator.store.StageRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies what workers report (and what the liveness monitor notices) to the database: each event
 * in one transaction that also records its message id, so a redelivered event changes nothing.
 * The decision itself is {@link StageMachine#decide}.
 */
@ApplicationScoped
public class StageEventHandler {
  private static final Logger LOG = Logger.getLogger(StageEventHandler.class);

  /** What became of an event (for logs and tests). */
  public enum Result { DUPLICATE, UNKNOWN_STAGE, APPLIED }

  private final Database db;
  private final ProcessedMessages processed;
  private final PipelineStore pipelines;
  private final AttemptStore attempts;
  private final MetricStore metrics;
  private final ModelStore models;
  private final Dispatcher dispatcher;
  private final PipelineProgression progression;
  private final ObjectMapper json;

  public StageEventHandler(Database db, ProcessedMessages processed, PipelineStore pipelines,
      AttemptStore attempts, MetricStore metrics, ModelStore models, Dispatcher dispatcher,
      PipelineProgression progression, ObjectMapper json) {
    this.db = db;
    this.processed = processed;
    this.pipelines = pipelines;
    this.attempts = attempts;
    this.metrics = metrics;
    this.models = models;
    this.dispatcher = dispatcher;
    this.progression = progression;
    this.json = json;
  }

  public Result handle(StageEvent event) {
    return db.inTransaction(c -> {
      if (!processed.firstDelivery(c, event.messageId())) {
        return Result.DUPLICATE;
      }
      Optional<StageRow> stage = lock(c, event.pipelineId(), event.stageId());
      if (stage.isEmpty()) {
        LOG.warnf("event %s for unknown stage %s/%s ignored", event.messageId(), event.pipelineId(),
            event.stageId());
        return Result.UNKNOWN_STAGE;
      }
      apply(c, stage.get(), event);
      return Result.APPLIED;
    });
  }

  /** The liveness monitor saw no heartbeat from this attempt for too long. */
  public void lost(UUID pipelineId, String stageId, int attempt, Instant lastSign) {
    db.inTransaction(c -> {
      Optional<StageRow> s = pipelines.lockStage(c, pipelineId, stageId);
      if (s.isPresent()) {
        String why = "worker lost: no heartbeat since " + lastSign;
        act(c, s.get(), new StageMachine.Lost(attempt), why, null, null);
      }
      return null;
    });
  }

  private Optional<StageRow> lock(Connection c, String pipelineId, String stageId) throws SQLException {
    try {
      return pipelines.lockStage(c, UUID.fromString(pipelineId), stageId);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not one of our pipeline ids
    }
  }

  private void apply(Connection c, StageRow stage, StageEvent event) throws SQLException {
    if (event instanceof ModelPublished m && m.attempt() == stage.attempt()) {
      // A fact about the artifact store, whatever the order in which it and StageCompleted arrive.
      models.insert(c, new ModelStore.Model(m.modelName(), m.version(), m.uri(), stage.pipelineId(),
          stage.stageId(), Instant.ofEpochMilli(m.sentAt())));
    }
    StageMachine.Input input;
    if (event instanceof StageCompleted e) {
      input = new StageMachine.Completed(e.attempt());
    } else if (event instanceof StageFailed e) {
      input = new StageMachine.Failed(e.attempt(), e.errorClass());
    } else {
      input = new StageMachine.Alive(event.attempt());
    }
    String why = event instanceof StageFailed f ? f.message() : null;
    act(c, stage, input, why, event, event instanceof StageFailed f ? f : null);
  }

  private void act(Connection c, StageRow stage, StageMachine.Input input, String why,
      StageEvent event, StageFailed failure) throws SQLException {
    StageMachine.Action action = StageMachine.decide(
        new StageMachine.Snapshot(stage.state(), stage.attempt(), stage.maxAttempts()), input);
    switch (action) {
      case IGNORE -> { }
      case CANCEL_STALE -> dispatcher.cancel(c, stage, input.attempt(),
          "attempt " + input.attempt() + " was superseded; stage is at attempt " + stage.attempt()
              + " (" + stage.state() + ")");
      case RECORD -> record(c, stage, event);
      case SUCCEED -> succeed(c, stage, (StageCompleted) event);
      case RETRY -> retry(c, stage, why);
      case FAIL -> fail(c, stage, why, failure);
    }
  }

  private void record(Connection c, StageRow stage, StageEvent event) throws SQLException {
    String worker = event instanceof Heartbeat h ? h.workerId() : null;
    Instant at = event instanceof Heartbeat h ? Instant.ofEpochMilli(h.at()) : Instant.now();
    attempts.alive(c, stage.pipelineId(), stage.stageId(), stage.attempt(), worker, at);
    StageRow updated = stage.withState(StageMachine.afterRecord(stage.state()));
    if (event instanceof StageProgress p) {
      String extra = write(p.metrics());
      metrics.upsert(c, stage.pipelineId(), new MetricStore.Point(stage.stageId(), p.step(),
          p.attempt(), p.totalSteps(), p.loss(), p.lr(), p.tokensPerSecond(), p.etaSeconds(), extra,
          Instant.ofEpochMilli(p.sentAt())));
      updated = updated.withMetrics(write(latest(p)));
    } else if (event instanceof CheckpointSaved k) {
      updated = updated.withCheckpoint(k.uri(), k.step());
    }
    if (!updated.equals(stage)) {
      pipelines.update(c, updated);
    }
  }

  private void succeed(Connection c, StageRow stage, StageCompleted done) throws SQLException {
    attempts.finish(c, stage.pipelineId(), stage.stageId(), stage.attempt(), StageState.SUCCEEDED,
        "completed");
    if (stage.kind() == StageKind.PUBLISH) {
      registerPublished(c, stage, done);
    }
    pipelines.update(c, stage.withState(StageState.SUCCEEDED).withOutputs(done.outputUris())
        .withError(null, null, null));
    progression.advance(c, stage.pipelineId());
  }

  /**
   * A publish stage's completion names the published directory and version: the model is
   * registered here too, in the same transaction that ends the pipeline, so a SUCCEEDED pipeline
   * always lists its model (the worker's ModelPublished event, on its own topic, may come later).
   */
  private void registerPublished(Connection c, StageRow stage, StageCompleted done) throws SQLException {
    Double version = done.metrics().get("version");
    if (version == null || done.outputUris().isEmpty()) {
      return;
    }
    var p = pipelines.find(c, stage.pipelineId(), false).orElseThrow();
    Object name = progression.spec(p).stage(stage.stageId()).parameters().get("modelName");
    if (name != null) {
      models.insert(c, new ModelStore.Model(name.toString(), version.intValue(), done.outputUris().get(0),
          stage.pipelineId(), stage.stageId(), Instant.ofEpochMilli(done.sentAt())));
    }
  }

  private void retry(Connection c, StageRow stage, String why) throws SQLException {
    attempts.finish(c, stage.pipelineId(), stage.stageId(), stage.attempt(), StageState.FAILED, why);
    dispatcher.cancel(c, stage, stage.attempt(), "given up: " + why); // in case it still runs
    var p = pipelines.find(c, stage.pipelineId(), false).orElseThrow();
    StageRow noted = stage.withError(null, why, null);
    dispatcher.dispatch(c, progression.spec(p), noted, pipelines.stages(c, stage.pipelineId()),
        stage.attempt() + 1, stage.lastCheckpoint());
  }

  private void fail(Connection c, StageRow stage, String why, StageFailed failure) throws SQLException {
    attempts.finish(c, stage.pipelineId(), stage.stageId(), stage.attempt(), StageState.FAILED, why);
    if (failure == null) {
      dispatcher.cancel(c, stage, stage.attempt(), "given up: " + why);
    }
    String cls = failure == null ? "TRANSIENT" : failure.errorClass().name();
    String where = failure == null ? null : failure.where();
    String message = stage.attempt() >= stage.maxAttempts() && (failure == null || failure.errorClass().retriable())
        ? why + " (after " + stage.attempt() + " attempts)" : why;
    pipelines.update(c, stage.withState(StageState.FAILED).withError(cls, message, where));
    progression.end(c, stage.pipelineId(), PipelineState.FAILED,
        "stage " + stage.stageId() + " failed: " + message + (where == null ? "" : " (at " + where + ")"),
        "pipeline failed");
  }

  private static Map<String, Object> latest(StageProgress p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("attempt", p.attempt());
    m.put("step", p.step());
    m.put("totalSteps", p.totalSteps());
    m.put("loss", p.loss());
    m.put("lr", p.lr());
    m.put("tokensPerSecond", p.tokensPerSecond());
    m.put("etaSeconds", p.etaSeconds());
    m.put("metrics", p.metrics());
    return m;
  }

  private String write(Object o) {
    try {
      return json.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
