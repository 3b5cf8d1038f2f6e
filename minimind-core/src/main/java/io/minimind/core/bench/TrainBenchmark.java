package io.minimind.core.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.ModelOutput;
import io.minimind.core.train.AdamW;
import io.minimind.core.train.Batch;
import io.minimind.core.train.GradientClipping;
import io.minimind.core.train.LanguageModelLoss;
import io.minimind.core.data.TokenizedSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Training throughput on random tokens: full steps (forward, loss, backward, clip, AdamW) at a fixed
 * batch and sequence length, with the time split per phase.
 *
 * <p>Model FLOPs per trained token = 6·N + 12·L·T·d (N parameters, tied embedding counted once
 * since the lm_head matmul is real work; L layers, T sequence length, d hidden: the attention
 * score and value products, forward and backward). MFU = achieved model FLOP/s ÷ this machine's
 * measured fp32 matmul FLOP/s.
 */
public final class TrainBenchmark {
  private TrainBenchmark() {}

  /** Figures of one run. */
  public record Result(
      String preset, long parameters, int batch, int seqLen, int steps, double tokensPerSecond,
      double modelFlopsPerSecond, double matmulFlopsPerSecond, double mfu,
      double forwardMs, double backwardMs, double optimizerMs) {}

  public static Result run(String preset, MiniMindConfig config, int batch, int seqLen, int warmup, int steps) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Engine.getInstance().setRandomSeed(0);
      MiniMindModel model = new MiniMindModel(config);
      model.initializeRandom(m, DataType.FLOAT32);
      Map<String, Parameter> params = model.parameters();
      Batch data = randomBatch(config.vocabSize(), batch, seqLen);
      double[] phase = new double[3];
      try (AdamW opt = AdamW.torchDefaults(m)) {
        long start = 0;
        for (int i = 0; i < warmup + steps; i++) {
          if (i == warmup) {
            start = System.nanoTime();
            Arrays.fill(phase, 0);
          }
          step(model, params, opt, data, m, phase);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double tokensPerSecond = (double) batch * seqLen * steps / seconds;
        long n = model.parameterCount();
        double flopsPerToken = 6.0 * n + 12.0 * config.numHiddenLayers() * seqLen * config.hiddenSize();
        double modelFlops = flopsPerToken * tokensPerSecond;
        double matmul = MatmulBenchmark.flopsPerSecond(m, 2048, 5);
        return new Result(preset, n, batch, seqLen, steps, tokensPerSecond, modelFlops, matmul,
            modelFlops / matmul, phase[0] / steps, phase[1] / steps, phase[2] / steps);
      }
    }
  }

  private static void step(MiniMindModel model, Map<String, Parameter> params, AdamW opt, Batch b,
      NDManager m, double[] phaseMs) {
    long t0 = System.nanoTime();
    long t1;
    try (NDManager scope = m.newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      ModelOutput out = model.forward(b.inputArray(scope), null, null, 0, true);
      NDArray loss = LanguageModelLoss.crossEntropy(out.logits(), b.targetArray(scope), b.weightArray(scope));
      loss.getFloat();
      t1 = System.nanoTime();
      gc.backward(loss);
    }
    long t2 = System.nanoTime();
    Map<String, NDArray> grads = new LinkedHashMap<>();
    params.forEach((k, p) -> grads.put(k, p.getArray().getGradient()));
    GradientClipping.clip(grads, 1.0);
    opt.step(params, grads, 1e-4);
    for (NDArray g : grads.values()) {
      g.subi(g);
      g.close();
    }
    long t3 = System.nanoTime();
    phaseMs[0] += (t1 - t0) / 1e6;
    phaseMs[1] += (t2 - t1) / 1e6;
    phaseMs[2] += (t3 - t2) / 1e6;
  }

  private static Batch randomBatch(int vocab, int batch, int seqLen) {
    Random r = new Random(1);
    List<TokenizedSample> samples = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      int[] ids = new int[seqLen + 1];
      boolean[] mask = new boolean[seqLen + 1];
      for (int t = 0; t <= seqLen; t++) {
        ids[t] = r.nextInt(vocab);
        mask[t] = t > 0;
      }
      samples.add(new TokenizedSample(ids, mask));
    }
    return Batch.of(samples, 0);
  }
}
