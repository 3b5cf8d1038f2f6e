package io.minimind.orchestrator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minimind.contracts.spec.PipelineSpec;
import io.minimind.contracts.spec.PipelineSpecs;
import io.minimind.contracts.spec.SpecError;
import io.minimind.contracts.spec.SpecValidationException;
import io.minimind.contracts.spec.StageSpec;
import io.minimind.contracts.spec.TokenizerSpec;
import io.minimind.orchestrator.domain.ArtifactRoot;
import io.minimind.orchestrator.domain.PipelineState;
import io.minimind.orchestrator.store.Database;
import io.minimind.orchestrator.store.PipelineRow;
import io.minimind.orchestrator.store.PipelineStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Submitting and cancelling pipelines. A submission is validated completely (spec, then paths in
 * the artifact store) before anything is stored; the pipeline, its stages and the first stage's
 * job are written in one transaction.
 */
@ApplicationScoped
public class PipelineService {
  private final Database db;
  private final PipelineStore pipelines;
  private final PipelineProgression progression;
  private final ArtifactRoot root;
  private final OrchestratorSettings settings;
  private final ObjectMapper json;

  public PipelineService(Database db, PipelineStore pipelines, PipelineProgression progression,
      ArtifactRootProducer root, OrchestratorSettings settings, ObjectMapper json) {
    this.db = db;
    this.pipelines = pipelines;
    this.progression = progression;
    this.root = root.get();
    this.settings = settings;
    this.json = json;
  }

  /** Validates and stores the pipeline and dispatches its first stage; returns its id. */
  public UUID submit(String specText) {
    PipelineSpec spec = PipelineSpecs.parse(specText);
    checkPaths(spec);
    String specJson = write(spec);
    UUID id = UUID.randomUUID();
    List<PipelineStore.NewStage> stages = new ArrayList<>();
    for (StageSpec s : spec.stages()) {
      stages.add(new PipelineStore.NewStage(s.id(), s.kind(), spec.retry().maxAttempts()));
    }
    progression.remember(id, spec);
    db.inTransaction(c -> {
      pipelines.insert(c, id, spec.name(), specJson, specText, stages);
      progression.advance(c, id);
      return null;
    });
    return id;
  }

  /**
   * Cancels a running pipeline: running stages are told to stop, pending ones will never run.
   *
   * @return the pipeline after the change
   * @throws IllegalStateException when it already ended
   */
  public PipelineRow cancel(UUID id) {
    return db.inTransaction(c -> {
      PipelineRow p = pipelines.find(c, id, true).orElseThrow(() -> new NotFound("pipeline " + id));
      if (p.state().terminal()) {
        throw new IllegalStateException("pipeline " + id + " already ended as " + p.state());
      }
      progression.end(c, id, PipelineState.CANCELLED, "cancelled by user", "pipeline cancelled by user");
      return pipelines.find(c, id, false).orElseThrow();
    });
  }

  /** Every path the spec names must stay inside the artifact root, and (optionally) exist. */
  private void checkPaths(PipelineSpec spec) {
    List<SpecError> errors = new ArrayList<>();
    for (Map.Entry<String, String> d : spec.datasets().entrySet()) {
      check(errors, d.getValue(), "/datasets/" + d.getKey(), false);
    }
    if (spec.model().base() != null) {
      check(errors, spec.model().base(), "/model/base", true);
    }
    TokenizerSpec t = spec.tokenizer();
    if (t != null && TokenizerSpec.PATH.equals(t.source())) {
      check(errors, t.path(), "/tokenizer/path", true);
    }
    for (int i = 0; i < spec.stages().size(); i++) {
      Object teacher = spec.stages().get(i).parameters().get("teacher");
      if (teacher instanceof String s) {
        check(errors, s, "/stages/" + i + "/parameters/teacher", true);
      }
    }
    if (!errors.isEmpty()) {
      throw new SpecValidationException(errors);
    }
  }

  private void check(List<SpecError> errors, String relative, String pointer, boolean directory) {
    try {
      Path p = root.underRoot(relative, pointer);
      if (settings.checkPathsExist() && !(directory ? Files.isDirectory(p) : Files.exists(p))) {
        errors.add(new SpecError(pointer, (directory ? "directory '" : "'") + relative
            + "' does not exist under the artifact root " + root.root()));
      }
    } catch (ArtifactRoot.OutsideRootException e) {
      errors.add(new SpecError(pointer, e.getMessage().substring(pointer.length() + 2)));
    }
  }

  private String write(Object o) {
    try {
      return json.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Something asked for does not exist; 404. */
  public static final class NotFound extends RuntimeException {
    public NotFound(String what) {
      super(what + " not found");
    }
  }
}
