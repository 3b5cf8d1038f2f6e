package io.minimind.core.rl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import io.minimind.core.rl.reward.RewardFunction;
import io.minimind.core.rl.reward.TargetTokenReward;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.RunIdentity;
import io.minimind.core.train.StepMetrics;
import io.minimind.core.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A tiny 64-token model, random prompts and the target-token reward, for RL tests. */
final class RlFixtures {
  static final int VOCAB = 64;
  static final int PAD = 0;
  static final int END = 2;
  /** 8 of 64 ids: about 1/8 of a random model's tokens. */
  static final int[] TARGETS = {10, 11, 12, 13, 14, 15, 16, 17};

  private RlFixtures() {}

  static MiniMindConfig config() {
    return Presets.builder("tiny")
        .override(List.of("hidden_size=64", "num_hidden_layers=2", "vocab_size=" + VOCAB,
            "max_position_embeddings=128"))
        .build();
  }

  static MiniMindModel model(NDManager m, long seed) {
    Engine.getInstance().setRandomSeed((int) seed);
    MiniMindModel model = new MiniMindModel(config());
    model.initializeRandom(m, DataType.FLOAT32);
    return model;
  }

  /** {@code n} prompts of 3 to 6 random ids (never pad or end). */
  static PromptSource prompts(int n, long seed) {
    Random r = new Random(seed);
    List<RlPrompt> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] ids = new int[3 + r.nextInt(4)];
      for (int t = 0; t < ids.length; t++) {
        ids[t] = 3 + r.nextInt(VOCAB - 3);
      }
      out.add(new RlPrompt(i, ids, decode(ids)));
    }
    return PromptSource.of(out);
  }

  /** One character per id. */
  static String decode(int[] ids) {
    StringBuilder b = new StringBuilder();
    for (int id : ids) {
      b.append((char) ('0' + id));
    }
    return b.toString();
  }

  static RewardFunction targetReward() {
    return new TargetTokenReward(TARGETS);
  }

  /** RL hyper-parameters for tests: B prompts per step, a high learning rate, no shuffling tricks. */
  static TrainConfig train(int batch, double lr, long steps, long stopAfter, int saveInterval) {
    return new TrainConfig(1000, batch, lr, 64, 1, 1.0, 0.0, saveInterval, 1, 7, true, steps, stopAfter, 5);
  }

  static RlJob job(MiniMindModel policy, PromptSource prompts, TrainConfig cfg, Path checkpoints,
      ProgressListener listener) {
    return new RlJob(policy, prompts, targetReward(), cfg, new RunIdentity("rl-test", "prompts", "tok", PAD),
        new Checkpoints(checkpoints), listener, PAD, END, RlFixtures::decode);
  }

  /** Records each step's metrics. */
  static final class Recorder implements ProgressListener {
    final List<StepMetrics> steps = new ArrayList<>();

    @Override
    public void onStep(StepMetrics m) {
      steps.add(m);
    }

    double mean(String metric, int from, int to) {
      double s = 0;
      for (int i = from; i < to; i++) {
        s += steps.get(i).metrics().get(metric);
      }
      return s / (to - from);
    }
  }
}
