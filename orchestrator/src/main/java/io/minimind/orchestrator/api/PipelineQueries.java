package io.minimind.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minimind.orchestrator.domain.PipelineState;
import io.minimind.orchestrator.service.PipelineService;
import io.minimind.orchestrator.store.AttemptRow;
import io.minimind.orchestrator.store.AttemptStore;
import io.minimind.orchestrator.store.Database;
import io.minimind.orchestrator.store.MetricStore;
import io.minimind.orchestrator.store.ModelStore;
import io.minimind.orchestrator.store.PipelineRow;
import io.minimind.orchestrator.store.PipelineStore;
import io.minimind.orchestrator.store.StageRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads for the API: database rows turned into {@link PipelineViews}. */
@ApplicationScoped
public class PipelineQueries {
  private final Database db;
  private final PipelineStore pipelines;
  private final AttemptStore attempts;
  private final MetricStore metrics;
  private final ModelStore models;
  private final ObjectMapper json;

  public PipelineQueries(Database db, PipelineStore pipelines, AttemptStore attempts,
      MetricStore metrics, ModelStore models, ObjectMapper json) {
    this.db = db;
    this.pipelines = pipelines;
    this.attempts = attempts;
    this.metrics = metrics;
    this.models = models;
    this.json = json;
  }

  public PipelineViews.Page list(PipelineState state, int page, int size) {
    return db.read(c -> {
      List<PipelineViews.Summary> items = new ArrayList<>();
      for (PipelineRow p : pipelines.list(c, state, page * size, size)) {
        items.add(summary(p));
      }
      return new PipelineViews.Page(items, page, size, pipelines.count(c, state));
    });
  }

  public PipelineViews.Detail detail(UUID id) {
    return db.read(c -> {
      PipelineRow p = pipelines.find(c, id, false)
          .orElseThrow(() -> new PipelineService.NotFound("pipeline " + id));
      List<AttemptRow> all = attempts.forPipeline(c, id);
      List<PipelineViews.Stage> stages = new ArrayList<>();
      for (StageRow s : pipelines.stages(c, id)) {
        stages.add(stage(s, all));
      }
      List<PipelineViews.Model> published = new ArrayList<>();
      for (ModelStore.Model m : models.list(c, id)) {
        published.add(model(m));
      }
      return new PipelineViews.Detail(p.id().toString(), p.name(), p.state().name(), p.error(),
          p.createdAt(), p.updatedAt(), p.finishedAt(), stages, published, tree(p.specJson()));
    });
  }

  public PipelineViews.Metrics metrics(UUID id) {
    return db.read(c -> {
      pipelines.find(c, id, false).orElseThrow(() -> new PipelineService.NotFound("pipeline " + id));
      Map<String, List<PipelineViews.Point>> series = new LinkedHashMap<>();
      for (StageRow s : pipelines.stages(c, id)) {
        series.put(s.stageId(), new ArrayList<>());
      }
      for (MetricStore.Point p : metrics.series(c, id)) {
        series.get(p.stageId()).add(new PipelineViews.Point(p.step(), p.attempt(), p.totalSteps(),
            p.loss(), p.lr(), p.tokensPerSecond(), p.etaSeconds(), tree(p.metricsJson()), p.recordedAt()));
      }
      return new PipelineViews.Metrics(id.toString(), series);
    });
  }

  public List<PipelineViews.Model> models() {
    return db.read(c -> {
      List<PipelineViews.Model> out = new ArrayList<>();
      for (ModelStore.Model m : models.list(c, null)) {
        out.add(model(m));
      }
      return out;
    });
  }

  static PipelineViews.Summary summary(PipelineRow p) {
    return new PipelineViews.Summary(p.id().toString(), p.name(), p.state().name(), p.error(),
        p.createdAt(), p.updatedAt(), p.finishedAt());
  }

  private PipelineViews.Stage stage(StageRow s, List<AttemptRow> all) {
    List<PipelineViews.Attempt> mine = new ArrayList<>();
    for (AttemptRow a : all) {
      if (a.stageId().equals(s.stageId())) {
        mine.add(new PipelineViews.Attempt(a.attempt(), a.state().name(), a.workerId(), a.resumeFrom(),
            a.dispatchedAt(), a.startedAt(), a.lastHeartbeat(), a.finishedAt(), a.outcome()));
      }
    }
    PipelineViews.Checkpoint ckpt = s.lastCheckpoint() == null ? null
        : new PipelineViews.Checkpoint(s.lastCheckpoint(), s.lastCheckpointStep());
    PipelineViews.Failure error = s.error() == null ? null
        : new PipelineViews.Failure(s.errorClass(), s.error(), s.errorWhere());
    return new PipelineViews.Stage(s.stageId(), s.kind().wireName(), s.state().name(), s.attempt(),
        s.maxAttempts(), s.outputUris(), ckpt, tree(s.latestMetricsJson()), error, mine);
  }

  private static PipelineViews.Model model(ModelStore.Model m) {
    return new PipelineViews.Model(m.name(), m.version(), m.uri(), m.pipelineId().toString(),
        m.stageId(), m.publishedAt());
  }

  private JsonNode tree(String text) {
    try {
      return text == null ? null : json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable: " + text, e);
    }
  }
}
