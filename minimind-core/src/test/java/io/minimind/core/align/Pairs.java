package io.minimind.core.align;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.data.TokenDataset;
import io.minimind.core.data.TokenizedSample;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import io.minimind.core.train.InMemoryDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic preference pairs for trainer tests, vocabulary 64: a random prompt (ids 1–31), then a
 * chosen reply drawn from ids 32–47 or a rejected one from ids 48–63. The preference is learnable
 * and generalises to unseen prompts and replies, so held-out pairs can measure it.
 */
final class Pairs {
  static final int VOCAB = 64;

  private Pairs() {}

  /** {@code pairs} pairs as 2·pairs samples: chosen, rejected, chosen, rejected... */
  static TokenDataset random(int pairs, long seed) {
    Random r = new Random(seed);
    List<TokenizedSample> out = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      int[] prompt = tokens(r, 3 + r.nextInt(4), 1, 31);
      out.add(sample(prompt, tokens(r, 2 + r.nextInt(4), 32, 16)));
      out.add(sample(prompt, tokens(r, 2 + r.nextInt(4), 48, 16)));
    }
    return new InMemoryDataset(out, "synthetic pairs");
  }

  private static int[] tokens(Random r, int n, int first, int count) {
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = first + r.nextInt(count);
    }
    return t;
  }

  /** Prompt then reply; the loss mask covers the reply only. */
  static TokenizedSample sample(int[] prompt, int[] reply) {
    int[] ids = new int[prompt.length + reply.length];
    boolean[] mask = new boolean[ids.length];
    System.arraycopy(prompt, 0, ids, 0, prompt.length);
    System.arraycopy(reply, 0, ids, prompt.length, reply.length);
    for (int i = prompt.length; i < ids.length; i++) {
      mask[i] = true;
    }
    return new TokenizedSample(ids, mask);
  }

  static MiniMindConfig tiny(int hidden, int layers) {
    return Presets.builder("tiny").override(List.of("hidden_size=" + hidden,
        "num_hidden_layers=" + layers, "vocab_size=" + VOCAB)).build();
  }

  static MiniMindModel model(NDManager m, MiniMindConfig c, long seed) {
    Engine.getInstance().setRandomSeed((int) seed);
    MiniMindModel model = new MiniMindModel(c);
    model.initializeRandom(m, DataType.FLOAT32);
    return model;
  }
}
