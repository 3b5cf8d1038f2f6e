package io.minimind.core.rl;

import io.minimind.core.checkpoint.ModelWeights;
import io.minimind.core.infer.InferenceEngine;
import io.minimind.core.infer.InferenceWeights;
import io.minimind.core.infer.Sequence;
import io.minimind.core.io.SafeDType;
import io.minimind.core.io.TensorData;
import io.minimind.core.model.MiniMindModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

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
  private final RolloutSampling sampling;
  private final int endId;
  private final Function<int[], String> decoder;
  private final int threads;

  public EngineRolloutGenerator(MiniMindModel model, int maxNewTokens, double temperature, int endId,
      Function<int[], String> decoder, int threads) {
    this(model, maxNewTokens, RolloutSampling.wholeVocabulary(temperature), endId, decoder, threads);
  }

  /** @param sampling temperature and top-k/top-p filter of the rollouts */
  public EngineRolloutGenerator(MiniMindModel model, int maxNewTokens, RolloutSampling sampling, int endId,
      Function<int[], String> decoder, int threads) {
    if (model.config().useMoe()) {
      throw new IllegalArgumentException("the Java rollout engine supports dense models only; use the DJL one for MoE");
    }
    if (maxNewTokens < 1 || threads < 1) {
      throw new IllegalArgumentException("rollouts need maxNewTokens >= 1 and threads >= 1, got "
          + maxNewTokens + ", " + threads);
    }
    this.model = model;
    this.maxNewTokens = maxNewTokens;
    this.sampling = sampling;
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
    int vocab = model.config().vocabSize();
    RolloutRows rows = new RolloutRows(prompts, samplesPerPrompt, seed, maxNewTokens, sampling, endId, vocab,
        model.config().maxPositionEmbeddings());
    int n = rows.n;
    try (InferenceEngine engine = new InferenceEngine(weightsOf(model), Math.max(PREFILL_CHUNK, rows.longest), n,
        threads)) {
      List<Sequence> seqs = new ArrayList<>(n);
      for (RlPrompt p : rows.rows) {
        seqs.add(engine.newSequence(p.ids().length + rows.steps));
      }
      float[] logits = prefill(engine, seqs, rows.rows, vocab); // (N·V), row k = sequence k
      int[] active = IntStream.range(0, n).toArray(); // rows whose logits are in `logits`, in order
      while (active.length > 0) {
        List<Sequence> next = new ArrayList<>();
        List<int[]> tokens = new ArrayList<>();
        List<Integer> still = new ArrayList<>();
        for (int k = 0; k < active.length; k++) {
          int r = active[k];
          int token = rows.sample(r, logits, k);
          if (rows.active(r)) {
            still.add(r);
            next.add(seqs.get(r));
            tokens.add(new int[] {token});
          }
        }
        active = still.stream().mapToInt(Integer::intValue).toArray();
        if (active.length > 0) {
          logits = engine.step(next, tokens.toArray(new int[0][]));
        }
      }
    }
    return rows.samples(decoder);
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
