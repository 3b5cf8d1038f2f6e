package io.minimind.trainer;

import io.minimind.contracts.messages.StageJob;
import java.nio.file.Path;

/**
 * What every training kind reads from a job once the URIs are resolved and the resume decision is
 * made; the algorithm's own parameters stay in {@link #algorithm()}.
 *
 * @param job the job (its kind and key name errors and logs)
 * @param data the dataset file or shard directory ({@code inputUris[0]})
 * @param initFrom the model to start from ({@code inputUris[1]}), or null for a fresh preset
 * @param tokenizer the tokenizer directory ({@code parameters.tokenizerUri}), or null
 * @param outDir this attempt's output directory
 * @param resume continue from the newest checkpoint in {@code outDir/checkpoints}
 * @param train the shared hyper-parameters, preset and device
 * @param algorithm the kind's own parameters (β, rank, group size...)
 */
record RunInputs(StageJob job, Path data, Path initFrom, Path tokenizer, Path outDir, boolean resume,
    TrainParameters train, AlgorithmParameters algorithm) {

  /** The start model, for kinds that refine one (LoRA, DPO, RL): a SpecException when absent. */
  Path requiredInitFrom() {
    if (initFrom == null) {
      throw new SpecException("inputUris[1]", "a " + job.kind().wireName() + " stage refines a model:"
          + " inputUris must be [dataset, model] (put a pretrain or sft stage before it, or set the"
          + " pipeline's model base)");
    }
    return initFrom;
  }
}
