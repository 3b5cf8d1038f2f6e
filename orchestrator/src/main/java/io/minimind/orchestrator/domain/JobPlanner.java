package io.minimind.orchestrator.domain;

import io.minimind.contracts.Topics;
import io.minimind.contracts.messages.StageJob;
import io.minimind.contracts.messages.StageKind;
import io.minimind.contracts.spec.ModelSpec;
import io.minimind.contracts.spec.PipelineSpec;
import io.minimind.contracts.spec.StageSpec;
import io.minimind.contracts.spec.TokenizerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.minimind.contracts.spec.StageParameters;

/**
 * Turns one stage of a validated spec into the {@link StageJob} of one attempt, following
 * docs/stage-jobs.md: which artifacts it reads (the dataset — or the shards an earlier
 * tokenize-dataset stage made of it —, the model it continues from, the tokenizer), where it
 * writes, and on which topic it goes. Pure: the outputs of earlier stages are passed in.
 */
public final class JobPlanner {
  /** Kinds whose output ({@code outputUris[0]}) is a model directory. */
  public static final Set<StageKind> MODEL_PRODUCING = StageParameters.MODEL_PRODUCING;

  private final ArtifactRoot paths;

  public JobPlanner(ArtifactRoot paths) {
    this.paths = paths;
  }

  /** A job and the topic it goes to. */
  public record Planned(StageJob job, String topic) {}

  /**
   * @param outputs {@code outputUris} of the stages that succeeded so far, by stage id
   * @param resumeFrom checkpoint of an earlier attempt to resume from, or null
   */
  public Planned plan(String pipelineId, PipelineSpec spec, int stageIndex, int attempt,
      Map<String, List<String>> outputs, String resumeFrom) {
    StageSpec stage = spec.stages().get(stageIndex);
    Map<String, Object> params = new LinkedHashMap<>(stage.parameters());
    List<String> inputs = new ArrayList<>();
    if (stage.dataset() != null) {
      inputs.add(datasetInput(spec, stageIndex, outputs));
    }
    if (MODEL_PRODUCING.contains(stage.kind()) || stage.kind() == StageKind.PUBLISH) {
      String model = modelInput(spec, stageIndex, outputs);
      if (model != null) {
        inputs.add(model);
      } else {
        ModelSpec m = spec.model();
        params.put("preset", m.preset());
        params.put("overrides", m.overrides());
      }
    }
    if (stage.kind() == StageKind.TOKENIZE_DATASET && params.containsKey("format")) {
      params.put("kind", params.get("format")); // tokenizer-service's name for the sample format
    }
    String tokenizer = stage.kind() == StageKind.TOKENIZER_TRAIN ? null : tokenizerUri(spec, outputs);
    if (tokenizer != null) {
      params.put("tokenizerUri", tokenizer);
    }
    String output = paths.uri(paths.attemptDir(pipelineId, stage.id(), attempt));
    StageJob job = StageJob.create(pipelineId, stage.id(), attempt, stage.kind(), params, inputs,
        output, resumeFrom);
    boolean gpu = "gpu".equals(stage.parameters().get("device"));
    return new Planned(job, gpu ? Topics.STAGE_REQUESTS_GPU : Topics.STAGE_REQUESTS);
  }

  /** The dataset file, or the shards of it an earlier tokenize-dataset stage produced. */
  private String datasetInput(PipelineSpec spec, int stageIndex, Map<String, List<String>> outputs) {
    StageSpec stage = spec.stages().get(stageIndex);
    if (stage.kind() != StageKind.TOKENIZE_DATASET) {
      for (int i = stageIndex - 1; i >= 0; i--) {
        StageSpec earlier = spec.stages().get(i);
        if (earlier.kind() == StageKind.TOKENIZE_DATASET && stage.dataset().equals(earlier.dataset())) {
          return firstOutput(outputs, earlier.id());
        }
      }
    }
    return paths.uri(paths.underRoot(spec.datasets().get(stage.dataset()), "/datasets/" + stage.dataset()));
  }

  /**
   * The model directory the stage starts from, or null when it starts from the spec's preset.
   * {@code from} null: the nearest earlier model-producing stage, else the spec's model.
   */
  private String modelInput(PipelineSpec spec, int stageIndex, Map<String, List<String>> outputs) {
    StageSpec stage = spec.stages().get(stageIndex);
    String from = stage.from();
    if (from == null) {
      for (int i = stageIndex - 1; i >= 0; i--) {
        if (MODEL_PRODUCING.contains(spec.stages().get(i).kind())) {
          return firstOutput(outputs, spec.stages().get(i).id());
        }
      }
      from = StageSpec.FROM_MODEL_SPEC;
    }
    if (StageSpec.FROM_MODEL_SPEC.equals(from)) {
      String base = spec.model().base();
      return base == null ? null : paths.uri(paths.underRoot(base, "/model/base"));
    }
    return firstOutput(outputs, from);
  }

  private String tokenizerUri(PipelineSpec spec, Map<String, List<String>> outputs) {
    TokenizerSpec t = spec.tokenizer();
    if (t == null || TokenizerSpec.MINIMIND.equals(t.source())) {
      return null;
    }
    if (TokenizerSpec.PATH.equals(t.source())) {
      return paths.uri(paths.underRoot(t.path(), "/tokenizer/path"));
    }
    return firstOutput(outputs, t.stage());
  }

  private static String firstOutput(Map<String, List<String>> outputs, String stageId) {
    List<String> out = outputs.get(stageId);
    if (out == null || out.isEmpty()) {
      throw new IllegalStateException("stage " + stageId + " has no output yet");
    }
    return out.get(0);
  }
}
