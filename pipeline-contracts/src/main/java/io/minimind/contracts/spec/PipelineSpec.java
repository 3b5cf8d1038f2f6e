package io.minimind.contracts.spec;

import java.util.List;
import java.util.Map;

/**
 * A pipeline as a user submits it (YAML or JSON): what model to train, with which tokenizer, on which
 * datasets, through which ordered stages. Parse and validate with {@link PipelineSpecs#parse}; the
 * records are the already-validated form, with defaults filled in.
 *
 * @param name a label for people (1..100 characters)
 * @param model the architecture of a fresh model, or the base checkpoint to start from
 * @param tokenizer which tokenizer the stages use
 * @param datasets named datasets: name → path relative to the artifact root (MiniMind JSONL files
 *     or token-shard directories); stages refer to them by name
 * @param stages the stages, run in order; ids unique
 * @param retry how often a stage is attempted before the pipeline fails
 */
public record PipelineSpec(
    String name,
    ModelSpec model,
    TokenizerSpec tokenizer,
    Map<String, String> datasets,
    List<StageSpec> stages,
    RetryPolicy retry) {

  public PipelineSpec {
    datasets = Map.copyOf(datasets);
    stages = List.copyOf(stages);
  }

  /** The stage with this id, or null. */
  public StageSpec stage(String id) {
    for (StageSpec s : stages) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    return null;
  }
}
