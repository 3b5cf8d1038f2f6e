package io.minimind.contracts.spec;

import io.minimind.contracts.messages.StageKind;
import java.util.Map;

/**
 * One stage of a pipeline.
 *
 * @param id unique within the pipeline; lower-case letters, digits and '-' (it names directories)
 * @param kind what the stage does
 * @param dataset the name of a dataset in {@link PipelineSpec#datasets()}, for kinds that read one
 *     (tokenizer-train, tokenize-dataset, pretrain, sft, lora, dpo, distill, ppo, grpo, spo); else null
 * @param from what the stage starts from: null means the previous model-producing stage (or the
 *     pipeline's model spec when there is none); {@link #FROM_MODEL_SPEC} means the pipeline's model
 *     spec even if an earlier stage produced a model; otherwise the id of an earlier stage
 * @param parameters the kind's parameters, validated and with defaults filled in (see
 *     {@link StageParameters}); values are String, Long, Double, Boolean, List or Map
 */
public record StageSpec(
    String id, StageKind kind, String dataset, String from, Map<String, Object> parameters) {

  /** {@code from: model} — start from the pipeline's model spec. */
  public static final String FROM_MODEL_SPEC = "model";

  /** Stage ids: they name directories and appear in URIs, so a small safe alphabet. */
  public static final String ID_PATTERN = "^[a-z][a-z0-9-]{0,39}$";

  public StageSpec {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
