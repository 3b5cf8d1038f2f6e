package io.minimind.core.rl;

import io.minimind.core.checkpoint.ModelWeights;
import io.minimind.core.infer.InferenceEngine;
import io.minimind.core.infer.InferenceWeights;
import io.minimind.core.infer.Sequence;
import io.minimind.core.io.SafeDType;
import io.minimind.core.io.TensorData;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.sampling.GenerationConfig;
import io.minimind.core.sampling.Rng;
import io.minimind.core.sampling.Sampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rollouts on the pure-Java inference engine ({@link io.minimind.core.infer}): each call copies the
 * policy's current weights into the engine (a few tens of milliseconds for minimind2-small), then
 * decodes every row as its own sequence — no padding, and finished rows drop out of the batch.
 * Sampling, seeding, stopping and old log-probs are exactly as in {@link PolicyRolloutGenerator}, so
 * both give the same completions up to float rounding of the logits. Dense models only; the JVM
 * needs {@code --add-modules jdk.incubator.vector}.
 */
public final class EngineRolloutGenerator implements RolloutGenerator {
  /** Prompt tokens prefilled per engine step (bounds the engine's step buffers). */
  static final int PREFILL_CHUNK = 1024;

  private final MiniMindModel model;
  private final int maxNewTokens;
  private final double temperature;
  private final int endId;
  private final Function<int[], String> decoder;
  private final int threads;

  public EngineRolloutGenerator(MiniMindModel model, int maxNewTokens, double temperature, int endId,
      Function<int[], String> decoder, int threads) {
    if (model.config().useMoe()) {
      throw new IllegalArgumentException("the Java rollout engine supports dense models only; use the DJL one for MoE");
    }
    if (maxNewTokens < 1 || !(temperature > 0) || threads < 1) {
      throw new IllegalArgumentException("rollouts need maxNewTokens >= 1, temperature > 0 and threads >= 1, got "
          + maxNewTokens + ", " + temperature + ", " + threads);
    }
    this.model = model;
    this.maxNewTokens = maxNewTokens;
    this.temperature = temperature;
    this.endId = endId;
    this.decoder = decoder;
    this.threads = threads;
  }

  /** The policy's current weights as the engine's flat arrays. */
  static InferenceWeights weightsOf(MiniMindModel model) {
    Map<String, TensorData> t = new HashMap<>();
    for (TensorData d : ModelWeights.stateDict(model, SafeDType.F32)) {
      t.put(d.name(), d);
    }
    return InferenceWeights.fromTensors(model.config(), t, "the policy");
  }

  @Override
  public List<RolloutSample> generate(List<RlPrompt> prompts, int samplesPerPrompt, long seed) {
    List<RlPrompt> rows = new ArrayList<>();
    for (RlPrompt p : prompts) {
      for (int j = 0; j < samplesPerPrompt; j++) {
        rows.add(p);
      }
    }
    int n = rows.size();
    int longest = rows.stream().mapToInt(p -> p.ids().length).max().orElseThrow();
    int steps = Math.min(maxNewTokens, model.config().maxPositionEmbeddings() - longest);
    if (steps < 1) {
      throw new IllegalArgumentException("a prompt of " + longest + " tokens leaves no room in the context of "
          + model.config().maxPositionEmbeddings());
    }
    int vocab = model.config().vocabSize();
    GenerationConfig sampling = new GenerationConfig(steps, temperature, 0, 1.0, 1.0, new int[] {endId}, seed);
    Sampler sampler = new Sampler(vocab);
    Rng[] rngs = new Rng[n];
    for (int r = 0; r < n; r++) {
      rngs[r] = new Rng(new Rng(seed).nextLong() + r); // as PolicyRolloutGenerator
    }
    int[][] ids = new int[n][steps];
    float[][] logps = new float[n][steps];
    int[] len = new int[n];
    boolean[] done = new boolean[n];
    try (InferenceEngine engine = new InferenceEngine(weightsOf(model), Math.max(PREFILL_CHUNK, longest), n, threads)) {
      List<Sequence> seqs = new ArrayList<>(n);
      for (RlPrompt p : rows) {
        seqs.add(engine.newSequence(p.ids().length + steps));
      }
      float[] logits = prefill(engine, seqs, rows, vocab); // (N·V)
      int[] active = java.util.stream.IntStream.range(0, n).toArray();
      for (int s = 0; s < steps && active.length > 0; s++) {
        List<Integer> next = new ArrayList<>();
        for (int k = 0; k < active.length; k++) {
          int r = active[k];
          float[] row = Arrays.copyOfRange(logits, k * vocab, (k + 1) * vocab);
          int token = sampler.sample(row, null, 0, sampling, rngs[r]);
          ids[r][len[r]] = token;
          logps[r][len[r]] = (float) PolicyRolloutGenerator.logProb(row, token);
          len[r]++;
          done[r] = token == endId;
          if (!done[r] && s + 1 < steps) {
            next.add(r);
          }
        }
        active = next.stream().mapToInt(Integer::intValue).toArray();
        if (active.length > 0) {
          List<Sequence> stepSeqs = new ArrayList<>(active.length);
          int[][] tokens = new int[active.length][];
          for (int k = 0; k < active.length; k++) {
            stepSeqs.add(seqs.get(active[k]));
            tokens[k] = new int[] {ids[active[k]][len[active[k]] - 1]};
          }
          logits = engine.step(stepSeqs, tokens);
        }
      }
    }
    List<RolloutSample> out = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      int[] c = Arrays.copyOf(ids[r], len[r]);
      int[] text = done[r] ? Arrays.copyOf(c, c.length - 1) : c;
      out.add(new RolloutSample(rows.get(r), c, Arrays.copyOf(logps[r], len[r]), decoder.apply(text), done[r]));
    }
    return out;
  }

  /** Feeds every prompt in chunks of about {@link #PREFILL_CHUNK} tokens; returns each row's last logits (N·V). */
  private static float[] prefill(InferenceEngine engine, List<Sequence> seqs, List<RlPrompt> rows, int vocab) {
    int n = rows.size();
    float[] out = new float[n * vocab];
    int first = 0;
    while (first < n) {
      int last = first;
      int tokens = 0;
      while (last < n && (last == first || tokens + rows.get(last).ids().length <= PREFILL_CHUNK)) {
        tokens += rows.get(last).ids().length;
        last++;
      }
      int[][] chunk = new int[last - first][];
      for (int r = first; r < last; r++) {
        chunk[r - first] = rows.get(r).ids();
      }
      float[] logits = engine.step(seqs.subList(first, last), chunk);
      System.arraycopy(logits, 0, out, first * vocab, (last - first) * vocab);
      first = last;
    }
    return out;
  }
}
