package io.minimind.orchestrator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minimind.contracts.Topics;
import io.minimind.contracts.messages.StageCancel;
import io.minimind.contracts.spec.PipelineSpec;
import io.minimind.orchestrator.domain.JobPlanner;
import io.minimind.orchestrator.domain.StageState;
import io.minimind.orchestrator.store.AttemptStore;
import io.minimind.orchestrator.store.Outbox;
import io.minimind.orchestrator.store.PipelineStore;
import io.minimind.orchestrator.store.StageRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Writes stage jobs and cancels to the outbox, inside the caller's transaction, together with the
 * stage and attempt rows that record them.
 */
@ApplicationScoped
public class Dispatcher {
  private static final Logger LOG = Logger.getLogger(Dispatcher.class);
  private final JobPlanner planner;
  private final PipelineStore pipelines;
  private final AttemptStore attempts;
  private final Outbox outbox;
  private final ObjectMapper json;

  public Dispatcher(ArtifactRootProducer root, PipelineStore pipelines, AttemptStore attempts,
      Outbox outbox, ObjectMapper json) {
    this.planner = new JobPlanner(root.get());
    this.pipelines = pipelines;
    this.attempts = attempts;
    this.outbox = outbox;
    this.json = json;
  }

  /**
   * Dispatches attempt {@code attempt} of {@code stage}.
   *
   * @param all the pipeline's stages (for the outputs of earlier stages)
   * @param resumeFrom checkpoint to resume from, or null
   * @return the stage row as now stored
   */
  public StageRow dispatch(Connection c, PipelineSpec spec, StageRow stage, List<StageRow> all,
      int attempt, String resumeFrom) throws SQLException {
    Map<String, List<String>> outputs = new HashMap<>();
    for (StageRow s : all) {
      if (s.state() == StageState.SUCCEEDED) {
        outputs.put(s.stageId(), s.outputUris());
      }
    }
    JobPlanner.Planned planned = planner.plan(stage.pipelineId().toString(), spec,
        stage.position(), attempt, outputs, resumeFrom);
    attempts.insert(c, stage.pipelineId(), stage.stageId(), attempt, planned.job().messageId(),
        resumeFrom);
    outbox.enqueue(c, planned.topic(), stage.pipelineId().toString(), write(planned.job()));
    StageRow updated = stage.withAttempt(attempt).withState(StageState.DISPATCHED);
    pipelines.update(c, updated);
    LOG.infof("dispatched %s/%s attempt %d (%s)%s", stage.pipelineId(), stage.stageId(), attempt,
        stage.kind(), resumeFrom == null ? "" : " resuming from " + resumeFrom);
    return updated;
  }

  /** Tells whichever worker runs the attempt to stop; at most once per attempt. */
  public void cancel(Connection c, StageRow stage, int attempt, String reason) throws SQLException {
    if (attempts.markCancelSent(c, stage.pipelineId(), stage.stageId(), attempt)) {
      StageCancel cancel = StageCancel.of(stage.pipelineId().toString(), stage.stageId(), attempt, reason);
      outbox.enqueue(c, Topics.STAGE_CONTROL, stage.pipelineId().toString(), write(cancel));
    }
  }

  private String write(Object message) {
    try {
      return json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + message, e);
    }
  }
}
