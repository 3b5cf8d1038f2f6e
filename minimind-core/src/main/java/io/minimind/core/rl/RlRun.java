package io.minimind.core.rl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.checkpoint.ModelWeights;
import io.minimind.core.data.BadLinePolicy;
import io.minimind.core.data.JsonlDataset;
import io.minimind.core.io.ConfigJson;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.rl.reward.RuleRewards;
import io.minimind.core.rl.reward.WeightedReward;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.RunIdentity;
import io.minimind.core.train.TrainConfig;
import io.minimind.core.train.TrainResult;
import io.minimind.core.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RL run from files (GRPO, CISPO, SPO or PPO with rule rewards): RLAIF prompts JSONL, the
 * starting model directory (required: the policy and the frozen reference start from it),
 * checkpoints under {@code <out>/checkpoints}, the trained policy written to {@code <out>/model}.
 */
public final class RlRun {
  private static final Logger LOG = LoggerFactory.getLogger(RlRun.class);

  /**
   * What to run.
   *
   * @param settings the algorithm and its hyper-parameters
   * @param data RLAIF JSONL ({@code {"conversations": [...]}})
   * @param outDir receives checkpoints/ and model/
   * @param initFrom the model directory to start from (an SFT model)
   * @param tokenizerDir a tokenizer directory, or null for initFrom's (or MiniMind's)
   * @param train batch size (prompts per micro-batch), learning rate, steps, seed...; maxSeqLen
   *     caps the prompt (its last tokens are kept)
   * @param rewardWeights rule reward name → weight (empty: MiniMind's length + think + repetition)
   * @param targetTokens tokens the {@code target} reward counts (only when it is weighted)
   * @param maxBadLines bad JSONL lines tolerated before the run stops
   * @param resume continue from the newest checkpoint
   * @param rolloutEngine djl, java or auto ({@link RolloutEngines})
   * @param rolloutTopK rolloutTopP the rollouts' top-k/top-p filter ({@link RolloutSampling}; 0 and
   *     1 = whole vocabulary, MiniMind's rollout generate uses 50 and 0.85)
   */
  public record Spec(RlSettings settings, Path data, Path outDir, Path initFrom, Path tokenizerDir,
      TrainConfig train, Map<String, Double> rewardWeights, java.util.List<String> targetTokens, int maxBadLines,
      boolean resume, String rolloutEngine, int rolloutTopK, double rolloutTopP) {
    public Spec {
      new RolloutSampling(1.0, rolloutTopK, rolloutTopP); // validates the filter before any work
    }

    /** A spec sampling rollouts from the whole vocabulary. */
    public Spec(RlSettings settings, Path data, Path outDir, Path initFrom, Path tokenizerDir,
        TrainConfig train, Map<String, Double> rewardWeights, java.util.List<String> targetTokens,
        int maxBadLines, boolean resume, String rolloutEngine) {
      this(settings, data, outDir, initFrom, tokenizerDir, train, rewardWeights, targetTokens, maxBadLines,
          resume, rolloutEngine, 0, 1.0);
    }
  }

  /** The result and where the model went (null unless the run completed). */
  public record Outcome(TrainResult result, Path modelDir, MiniMindConfig config, int prompts) {}

  private RlRun() {}

  public static Outcome run(Spec spec, ProgressListener listener) throws IOException {
    if (spec.initFrom() == null || !Files.isRegularFile(spec.initFrom().resolve(Checkpoints.MODEL_FILE))) {
      throw new IllegalArgumentException("initFrom must be a model directory with " + Checkpoints.MODEL_FILE
          + " (RL starts from an SFT model), got " + spec.initFrom());
    }
    if (!Files.isRegularFile(spec.data())) {
      throw new IllegalArgumentException("prompts file " + spec.data() + " does not exist");
    }
    try (MiniMindTokenizer tok = tokenizer(spec);
        NDManager manager = NDManager.newBaseManager("PyTorch");
        JsonlDataset data = JsonlDataset.rlaif(spec.data(), tok, spec.train().maxSeqLen(),
            new BadLinePolicy(spec.maxBadLines()))) {
      if (data.size() == 0) {
        throw new IllegalArgumentException(spec.data() + " has no usable RLAIF prompts");
      }
      MiniMindConfig config = ConfigJson.read(spec.initFrom().resolve(Checkpoints.CONFIG_FILE));
      if (config.dropout() > 0) {
        throw new IllegalArgumentException("dropout " + config.dropout() + " is not supported in RL training");
      }
      if (config.vocabSize() < tok.vocabSize()) {
        throw new IllegalArgumentException("vocab_size " + config.vocabSize()
            + " is smaller than the tokenizer's vocabulary of " + tok.vocabSize());
      }
      Engine.getInstance().setRandomSeed((int) spec.train().seed());
      MiniMindModel policy = new MiniMindModel(config);
      policy.initializeRandom(manager, DataType.FLOAT32);
      ModelWeights.load(policy, spec.initFrom().resolve(Checkpoints.MODEL_FILE));
      WeightedReward reward = RuleRewards.weighted(spec.rewardWeights(), targetIds(spec, tok));
      Map<String, String> settings = new HashMap<>();
      settings.put("rewardWeights", new TreeMap<>(reward.weights()).toString());
      settings.put("targetTokens", String.valueOf(spec.targetTokens()));
      RunIdentity identity = new RunIdentity(spec.settings().mode(), fingerprint(spec.data(), data),
          tok.sha256(), tok.padId(), settings);
      PromptSource prompts = new PromptSource() {
        @Override
        public int size() {
          return data.size();
        }

        @Override
        public RlPrompt get(int i) {
          int[] ids = data.get(i).ids();
          return new RlPrompt(i, ids, tok.decode(ids));
        }
      };
      Checkpoints checkpoints = new Checkpoints(spec.outDir().resolve("checkpoints"), tok);
      String engine = "auto".equals(spec.rolloutEngine())
          ? (RolloutEngines.javaAvailable(policy) ? "java" : "djl") : spec.rolloutEngine();
      RlJob job = new RlJob(policy, prompts, reward, spec.train(), identity, checkpoints, listener, tok.padId(),
          tok.eosId(), ids -> tok.decode(ids, true), engine == null ? "djl" : engine, spec.rolloutTopK(),
          spec.rolloutTopP());
      LOG.info("{}: {} prompts, {}, rollouts on the {} engine", spec.settings().mode(), data.size(),
          spec.settings(), engine == null ? "djl" : engine);
      TrainResult result = train(job, spec.settings(), manager, spec.resume());
      return new Outcome(result, TrainingRun.finishedModel(result, policy, tok, spec.outDir()), config,
          data.size());
    }
  }

  /** Runs the algorithm {@code settings} belong to. */
  public static TrainResult train(RlJob job, RlSettings settings, NDManager manager, boolean resume)
      throws IOException {
    if (settings instanceof GrpoSettings g) {
      return GrpoTrainer.run(job, g, manager, resume);
    } else if (settings instanceof SpoSettings s) {
      return SpoTrainer.run(job, s, manager, resume);
    }
    return PpoTrainer.run(job, (PpoSettings) settings, manager, resume);
  }

  private static MiniMindTokenizer tokenizer(Spec spec) throws IOException {
    if (spec.tokenizerDir() != null) {
      return MiniMindTokenizer.load(spec.tokenizerDir());
    }
    if (Files.isRegularFile(spec.initFrom().resolve("tokenizer.json"))) {
      return MiniMindTokenizer.load(spec.initFrom());
    }
    return MiniMindTokenizer.defaultTokenizer();
  }

  private static int[] targetIds(Spec spec, MiniMindTokenizer tok) {
    if (spec.targetTokens() == null) {
      return new int[0];
    }
    int[] ids = new int[spec.targetTokens().size()];
    for (int i = 0; i < ids.length; i++) {
      String t = spec.targetTokens().get(i);
      ids[i] = tok.tokenToId(t);
      if (ids[i] < 0) {
        throw new IllegalArgumentException("target token \"" + t + "\" is not in the tokenizer's vocabulary");
      }
    }
    return ids;
  }

  /** The prompts file by name, size and line counts (not its path, so runs can move). */
  private static String fingerprint(Path file, JsonlDataset data) throws IOException {
    return file.getFileName() + ":" + Files.size(file) + "B:" + data.index().goodLines() + "good:"
        + data.index().badLines() + "bad";
  }
}
