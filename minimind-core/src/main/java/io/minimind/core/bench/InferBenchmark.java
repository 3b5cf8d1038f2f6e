package io.minimind.core.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.infer.InferenceEngine;
import io.minimind.core.infer.InferenceWeights;
import io.minimind.core.infer.Kernels;
import io.minimind.core.infer.Sequence;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.Presets;
import io.minimind.core.sampling.GenerationConfig;
import io.minimind.core.sampling.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Greedy decode throughput of the pure-Java engine ({@link InferenceEngine}) and of the DJL
 * {@link Generator}, random weights (speed does not depend on them): N streams each prefill a
 * prompt together, then decode together one token per stream per step; tokens/s = N·new tokens /
 * decode time (prefill excluded). Runs alternate engines; each figure is the median of the repeats.
 * Any preset runs, mixture-of-experts ones (minimind2-moe) included: the engine runs each token's
 * top-k experts only, the DJL generator every expert (dense routing).
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp … io.minimind.core.bench.InferBenchmark
 * [preset] [streams,…] [threads,…] [promptTokens] [newTokens] [repeats] [djl:true|false]}
 */
public final class InferBenchmark {
  private InferBenchmark() {}

  /** One measured configuration: engine "java" or "djl", median tokens/s over the repeats. */
  public record Result(String engine, int streams, int threads, double tokensPerSecond, double prefillMs) {}

  /** Times one run of the Java engine; returns {tokens/s, prefill ms}. */
  public static double[] runJava(InferenceWeights w, int streams, int threads, int promptTokens, int newTokens) {
    MiniMindConfig c = w.config;
    try (InferenceEngine engine = new InferenceEngine(w, streams * promptTokens, streams, threads)) {
      List<Sequence> seqs = new ArrayList<>();
      int[][] input = new int[streams][];
      for (int s = 0; s < streams; s++) {
        seqs.add(engine.newSequence(promptTokens + newTokens + 1));
        input[s] = prompt(c, promptTokens, s);
      }
      long start = System.nanoTime();
      float[] logits = engine.step(seqs, input); // prefill all prompts in one step
      long decodeStart = System.nanoTime();
      for (int i = 0; i < newTokens; i++) {
        for (int s = 0; s < streams; s++) {
          input[s] = new int[] {Kernels.argmax(logits, s * c.vocabSize(), c.vocabSize())};
        }
        logits = engine.step(seqs, input); // (streams, V)
      }
      long end = System.nanoTime();
      return new double[] {streams * (double) newTokens / ((end - decodeStart) / 1e9), (decodeStart - start) / 1e6};
    }
  }

  /** Times one run of the DJL generator (left-padding batch of equal prompts); {tokens/s, prefill ms}. */
  public static double[] runDjl(Generator generator, MiniMindConfig c, int streams, int promptTokens, int newTokens) {
    List<int[]> prompts = new ArrayList<>();
    for (int s = 0; s < streams; s++) {
      prompts.add(prompt(c, promptTokens, s));
    }
    long[] firstTokenAt = new long[1];
    long start = System.nanoTime();
    generator.generateBatch(prompts, GenerationConfig.greedy(newTokens + 1), (row, token) -> {
      if (firstTokenAt[0] == 0) {
        firstTokenAt[0] = System.nanoTime();
      }
      return true;
    });
    long end = System.nanoTime();
    return new double[] {streams * (double) newTokens / ((end - firstTokenAt[0]) / 1e9),
        (firstTokenAt[0] - start) / 1e6};
  }

  static int[] prompt(MiniMindConfig c, int n, int salt) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = 3 + (i * 31 + salt * 17) % (c.vocabSize() - 3);
    }
    return p;
  }

  /** Runs every configuration {@code repeats} times, alternating engines, and returns medians. */
  public static List<Result> run(MiniMindConfig c, int[] streams, int[] threads, int promptTokens,
      int newTokens, int repeats, boolean djl) {
    InferenceWeights w = InferenceWeights.random(c, 0);
    List<Result> out = new ArrayList<>();
    try (NDManager m = djl ? NDManager.newBaseManager("PyTorch") : null) {
      Generator generator = djl ? djlGenerator(c, m) : null;
      runJava(w, 1, threads[threads.length - 1], promptTokens, 16); // warm-up (JIT)
      for (int n : streams) {
        double[][] java = new double[threads.length][repeats];
        double[][] javaPrefill = new double[threads.length][repeats];
        double[] torch = new double[repeats];
        double[] torchPrefill = new double[repeats];
        for (int r = 0; r < repeats; r++) {
          for (int t = 0; t < threads.length; t++) {
            double[] res = runJava(w, n, threads[t], promptTokens, newTokens);
            java[t][r] = res[0];
            javaPrefill[t][r] = res[1];
          }
          if (djl) {
            double[] res = runDjl(generator, c, n, promptTokens, newTokens);
            torch[r] = res[0];
            torchPrefill[r] = res[1];
          }
        }
        for (int t = 0; t < threads.length; t++) {
          out.add(new Result("java", n, threads[t], median(java[t]), median(javaPrefill[t])));
        }
        if (djl) {
          out.add(new Result("djl", n, Runtime.getRuntime().availableProcessors(), median(torch), median(torchPrefill)));
        }
      }
    }
    return out;
  }

  private static Generator djlGenerator(MiniMindConfig c, NDManager m) {
    Engine.getInstance().setRandomSeed(0);
    MiniMindModel model = new MiniMindModel(c);
    model.initializeRandom(m, DataType.FLOAT32);
    Generator g = new Generator(model, m);
    g.generate(prompt(c, 8, 0), GenerationConfig.greedy(8), null); // warm-up
    return g;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** Human-readable lines, then one JSON line. */
  public static String report(String preset, int promptTokens, int newTokens, int repeats, List<Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "bench decode: %s, prompt %d, %d new tokens, median of %d%n",
        preset, promptTokens, newTokens, repeats));
    sb.append(String.format(Locale.ROOT, "%-6s %8s %8s %14s %12s%n", "engine", "streams", "threads", "tokens/s", "prefill ms"));
    StringBuilder json = new StringBuilder();
    for (Result r : results) {
      sb.append(String.format(Locale.ROOT, "%-6s %8d %8d %14.1f %12.1f%n",
          r.engine(), r.streams(), r.threads(), r.tokensPerSecond(), r.prefillMs()));
      json.append(json.length() == 0 ? "" : ",").append(String.format(Locale.ROOT,
          "{\"engine\":\"%s\",\"streams\":%d,\"threads\":%d,\"tokens_per_s\":%.2f,\"prefill_ms\":%.2f}",
          r.engine(), r.streams(), r.threads(), r.tokensPerSecond(), r.prefillMs()));
    }
    sb.append(String.format(Locale.ROOT,
        "{\"bench\":\"decode\",\"preset\":\"%s\",\"prompt_tokens\":%d,\"new_tokens\":%d,\"repeats\":%d,\"results\":[%s]}%n",
        preset, promptTokens, newTokens, repeats, json));
    return sb.toString();
  }

  public static void main(String[] args) {
    String preset = args.length > 0 ? args[0] : "minimind2-small";
    int[] streams = ints(args.length > 1 ? args[1] : "1,4,16");
    int[] threads = ints(args.length > 2 ? args[2] : "1,2");
    int prompt = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    int newTokens = args.length > 4 ? Integer.parseInt(args[4]) : 128;
    int repeats = args.length > 5 ? Integer.parseInt(args[5]) : 3;
    boolean djl = args.length <= 6 || Boolean.parseBoolean(args[6]);
    List<Result> results = run(Presets.get(preset), streams, threads, prompt, newTokens, repeats, djl);
    System.out.print(report(preset, prompt, newTokens, repeats, results));
  }

  static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }
}
