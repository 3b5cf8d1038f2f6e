package io.minimind.core.lora;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.checkpoint.ModelDirectory;
import io.minimind.core.data.BadLinePolicy;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.RunDataset;
import io.minimind.core.train.RunIdentity;
import io.minimind.core.train.TrainConfig;
import io.minimind.core.train.TrainResult;
import io.minimind.core.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LoRA fine-tuning run from files (MiniMind's train_lora.py): SFT conversations ({@code
 * {"conversations"}} JSONL or sft token shards), a base model directory, adapters trained with the
 * SFT cross-entropy while the base stays frozen. Checkpoints under {@code <out>/checkpoints} hold
 * only adapters and their optimizer state; at the end {@code <out>/adapter} gets the adapters alone
 * and {@code <out>/model} the merged model (a plain model directory for chat, serving and export).
 */
public final class LoraRun {
  private static final Logger LOG = LoggerFactory.getLogger(LoraRun.class);

  /** The run's mode in checkpoints. */
  public static final String MODE = "lora";

  /**
   * What to run.
   *
   * @param data SFT JSONL file or sft shard directory
   * @param outDir receives checkpoints/, adapter/ and model/
   * @param initFrom the base model directory (required)
   * @param lora rank, alpha, targets
   * @param train hyper-parameters (MiniMind's LoRA: lr 1e-4)
   * @param maxBadLines bad JSONL lines tolerated before the run stops
   * @param resume continue from the newest checkpoint in {@code outDir/checkpoints}
   */
  public record Spec(Path data, Path outDir, Path initFrom, LoraConfig lora, TrainConfig train,
      int maxBadLines, boolean resume) {
    public Spec {
      if (initFrom == null) {
        throw new IllegalArgumentException("LoRA needs a base model: set initFrom to a model"
            + " directory (config.json, model.safetensors)");
      }
      if (lora == null || train == null || data == null || outDir == null) {
        throw new IllegalArgumentException("LoRA run needs data, outDir, lora and train settings");
      }
    }
  }

  /**
   * What was trained and written.
   *
   * @param adapterDir {@code <out>/adapter}, or null when the run stopped early
   * @param modelDir {@code <out>/model} (merged), or null when the run stopped early
   * @param adapterParameters trainable scalars
   * @param baseParameters frozen scalars of the base model
   */
  public record Outcome(TrainResult result, Path adapterDir, Path modelDir, long adapterParameters,
      long baseParameters, String dataset) {}

  private LoraRun() {}

  public static Outcome run(Spec spec, ProgressListener listener) throws IOException {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ModelDirectory.Loaded base = ModelDirectory.load(spec.initFrom(), manager);
      try (MiniMindModel model = base.model(); MiniMindTokenizer tokenizer = base.tokenizer();
          RunDataset source = RunDataset.open("sft", spec.data(), tokenizer,
              spec.train().maxSeqLen(), new BadLinePolicy(spec.maxBadLines()))) {
        if (model.config().dropout() > 0) {
          throw new IllegalArgumentException("the base model has dropout " + model.config().dropout()
              + ", which training does not support (MiniMind trains with 0)");
        }
        LOG.info("dataset: {}", source.data().describe());
        Engine.getInstance().setRandomSeed((int) spec.train().seed());
        LoraAdapters adapters = LoraAdapters.attach(model, spec.lora(), manager);
        long baseParameters = model.parameterCount();
        LOG.info("LoRA rank {} alpha {} on {}: {} adapter parameters ({} base parameters frozen)",
            spec.lora().rank(), spec.lora().alpha(), spec.lora().targetIds(),
            adapters.parameterCount(), baseParameters);
        RunIdentity identity = new RunIdentity(MODE, source.fingerprint(), tokenizer.sha256(),
            tokenizer.padId(), settings(spec.lora(), adapters.base()));
        Checkpoints checkpoints = new Checkpoints(spec.outDir().resolve("checkpoints"), tokenizer);
        Trainer trainer = new Trainer(model, source.data(), spec.train(), identity, checkpoints,
            listener, adapters);
        TrainResult result = trainer.run(manager, spec.resume());
        long adapterParameters = adapters.parameterCount();
        if (!result.completed()) {
          adapters.detach();
          return new Outcome(result, null, null, adapterParameters, baseParameters,
              source.data().describe());
        }
        Path adapterDir = spec.outDir().resolve("adapter");
        Path modelDir = spec.outDir().resolve("model");
        AdapterFiles.save(adapters, adapterDir);
        adapters.merge();
        ModelDirectory.save(model, tokenizer, modelDir);
        return new Outcome(result, adapterDir, modelDir, adapterParameters, baseParameters,
            source.data().describe());
      }
    }
  }

  /** What must not change across a resume: the adapter shape and the base it adapts. */
  static Map<String, String> settings(LoraConfig lora, BaseModelIdentity base) {
    return Map.of("rank", Integer.toString(lora.rank()), "alpha", Double.toString(lora.alpha()),
        "targets", lora.targetIds(), "base_weights_sha256", base.weightsSha256());
  }
}
