package io.minimind.core.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.sampling.GenerationConfig;
import io.minimind.core.sampling.Generator;

/** Single-stream greedy decode speed with the KV cache (prefill excluded). */
public final class DecodeBenchmark {
  private DecodeBenchmark() {}

  /** Figures of one run. */
  public record Result(String preset, long parameters, int promptTokens, int newTokens,
      double prefillMs, double decodeTokensPerSecond) {}

  public static Result run(String preset, MiniMindConfig config, int promptTokens, int newTokens) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Engine.getInstance().setRandomSeed(0);
      MiniMindModel model = new MiniMindModel(config);
      model.initializeRandom(m, DataType.FLOAT32);
      Generator generator = new Generator(model, m);
      int[] prompt = new int[promptTokens];
      for (int i = 0; i < promptTokens; i++) {
        prompt[i] = 3 + (i * 31) % (config.vocabSize() - 3);
      }
      GenerationConfig cfg = GenerationConfig.greedy(newTokens); // no stop id: always full length
      generator.generate(prompt, GenerationConfig.greedy(8), null); // warm-up
      long[] firstTokenAt = new long[1];
      long start = System.nanoTime();
      generator.generate(prompt, cfg, (row, token) -> {
        if (firstTokenAt[0] == 0) {
          firstTokenAt[0] = System.nanoTime();
        }
        return true;
      });
      long end = System.nanoTime();
      double prefillMs = (firstTokenAt[0] - start) / 1e6;
      double decodeSeconds = (end - firstTokenAt[0]) / 1e9;
      return new Result(preset, model.parameterCount(), promptTokens, newTokens, prefillMs,
          (newTokens - 1) / decodeSeconds);
    }
  }
}
