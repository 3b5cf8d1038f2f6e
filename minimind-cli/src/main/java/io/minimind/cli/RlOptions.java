package io.minimind.cli;

import io.minimind.core.rl.RlRun;
import io.minimind.core.rl.RlSettings;
import io.minimind.core.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options every RL command shares (MiniMind's train_grpo.py / train_ppo.py / train_spo.py names in
 * the descriptions). Defaults follow MiniMind's scripts: batch 2, 1 epoch, no accumulation,
 * log every step, checkpoint every 10, temperature 0.8.
 */
final class RlOptions {
  @Option(names = "--data", required = true, description = "RLAIF prompts JSONL ({\"conversations\": [...]})")
  Path data;

  @Option(names = "--out", description = "output directory (checkpoints/, model/); default runs/<algorithm>")
  Path out;

  @Option(names = "--init-from", required = true, description = "the model directory to start from (an SFT model/)")
  Path initFrom;

  @Option(names = "--tokenizer", description = "tokenizer directory (default: --init-from's, else MiniMind's)")
  Path tokenizer;

  @Option(names = "--epochs", defaultValue = "1") int epochs;
  @Option(names = "--batch-size", defaultValue = "2", description = "prompts per micro-batch; default ${DEFAULT-VALUE}") int batchSize;
  @Option(names = {"--learning-rate", "--lr"}) Double learningRate;
  @Option(names = "--max-seq-len", defaultValue = "512", description = "prompt tokens kept (the last ones); default ${DEFAULT-VALUE}") int maxSeqLen;
  @Option(names = "--accumulation-steps", defaultValue = "1") int accumulationSteps;
  @Option(names = "--grad-clip", defaultValue = "1.0") double gradClip;
  @Option(names = "--weight-decay", defaultValue = "0.01") double weightDecay;
  @Option(names = "--save-interval", defaultValue = "10", description = "steps between checkpoints (0: end only); default ${DEFAULT-VALUE}") int saveInterval;
  @Option(names = "--log-interval", defaultValue = "1") int logInterval;
  @Option(names = "--seed", defaultValue = "42") long seed;
  @Option(names = "--max-steps", defaultValue = "0", description = "cap the run at this many optimizer steps") long maxSteps;
  @Option(names = "--stop-after-steps", defaultValue = "0", description = "stop early (resumable) after this many steps") long stopAfterSteps;
  @Option(names = "--keep-checkpoints", defaultValue = "3") int keepCheckpoints;
  @Option(names = "--max-bad-lines", defaultValue = "100") int maxBadLines;
  @Option(names = "--resume", description = "continue from the newest checkpoint in --out") boolean resume;

  @Option(names = {"--max-new-tokens", "--max-gen-len"}, defaultValue = "256", description = "tokens generated per completion; default ${DEFAULT-VALUE}")
  int maxNewTokens;

  @Option(names = "--temperature", defaultValue = "0.8", description = "rollout sampling temperature; default ${DEFAULT-VALUE}")
  double temperature;

  @Option(names = "--top-k", defaultValue = "0", description = "rollouts sample among the k likeliest tokens;"
      + " 0 = whole vocabulary (MiniMind's rollouts: 50); default ${DEFAULT-VALUE}")
  int topK;

  @Option(names = "--top-p", defaultValue = "1.0", description = "rollouts sample from the smallest set with this"
      + " much probability; 1 = whole vocabulary (MiniMind's rollouts: 0.85); default ${DEFAULT-VALUE}")
  double topP;

  @Option(names = "--reward-weight", description = "rule reward name=weight (repeatable): length, think, format, repetition,"
      + " target; default length=1, think=1, repetition=1 (MiniMind's rule rewards)")
  List<String> rewardWeights = new ArrayList<>();

  @Option(names = "--rollout-engine", defaultValue = "djl", description = "djl (any model), java (the pure-Java"
      + " engine: dense models, faster on small ones) or auto; default ${DEFAULT-VALUE}")
  String rolloutEngine;

  @Option(names = "--target-token", description = "a token the 'target' reward counts (repeatable)")
  List<String> targetTokens = new ArrayList<>();

  RlRun.Spec spec(RlSettings settings, double defaultLearningRate) {
    TrainConfig cfg = new TrainConfig(epochs, batchSize, learningRate(defaultLearningRate), maxSeqLen,
        accumulationSteps, gradClip, weightDecay, saveInterval, logInterval, seed, true, maxSteps,
        stopAfterSteps, keepCheckpoints);
    Path outDir = out != null ? out : Path.of("runs", settings.mode());
    return new RlRun.Spec(settings, data, outDir, initFrom, tokenizer, cfg, weights(), List.copyOf(targetTokens),
        maxBadLines, resume, rolloutEngine, topK, topP);
  }

  double learningRate(double fallback) {
    return learningRate != null ? learningRate : fallback;
  }

  private Map<String, Double> weights() {
    Map<String, Double> w = new LinkedHashMap<>();
    for (String kv : rewardWeights) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--reward-weight must be name=weight, got '" + kv + "'");
      }
      try {
        w.put(kv.substring(0, eq).trim(), Double.parseDouble(kv.substring(eq + 1).trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--reward-weight " + kv + ": weight is not a number");
      }
    }
    return w;
  }
}
