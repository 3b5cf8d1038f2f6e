package io.minimind.cli;

import io.minimind.core.bench.DecodeBenchmark;
import io.minimind.core.bench.InferBenchmark;
import io.minimind.core.bench.TrainBenchmark;
import io.minimind.core.model.ConfigBuilder;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.Presets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minimind bench train|decode|infer}: print throughput figures and one JSON line. */
@Command(name = "bench", description = "Measure training and decoding speed.", mixinStandardHelpOptions = true,
    subcommands = {BenchCommand.Train.class, BenchCommand.Decode.class, BenchCommand.Infer.class,
        BenchRlCommand.class})
final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  static MiniMindConfig config(String preset, List<String> overrides) {
    ConfigBuilder b = Presets.builder(preset);
    return b.override(overrides).build();
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Training tokens/s, model FLOP/s, machine matmul FLOP/s and MFU on random tokens.")
  static final class Train implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "minimind2-small") String preset;
    @Option(names = "--set") List<String> overrides = new ArrayList<>();
    @Option(names = "--seq-len", defaultValue = "512") int seqLen;
    @Option(names = "--batch-size", defaultValue = "8") int batch;
    @Option(names = "--warmup", defaultValue = "2") int warmup;
    @Option(names = "--steps", defaultValue = "5") int steps;
    @Mixin EngineOptions engine;

    @Override
    public Integer call() {
      engine.apply();
      MiniMindConfig c = config(preset, overrides);
      System.out.printf("bench train: %s, batch %d x seq %d, %d warm-up + %d timed steps%n",
          preset, batch, seqLen, warmup, steps);
      TrainBenchmark.Result r = TrainBenchmark.run(preset, c, batch, seqLen, warmup, steps);
      System.out.printf(Locale.ROOT, "parameters          %,d%n", r.parameters());
      System.out.printf(Locale.ROOT, "train tokens/s      %.1f%n", r.tokensPerSecond());
      System.out.printf(Locale.ROOT, "model GFLOP/s       %.1f  (6·N + 12·L·T·d per token)%n", r.modelFlopsPerSecond() / 1e9);
      System.out.printf(Locale.ROOT, "matmul GFLOP/s      %.1f  (fp32 2048³, best of 5)%n", r.matmulFlopsPerSecond() / 1e9);
      System.out.printf(Locale.ROOT, "MFU                 %.3f%n", r.mfu());
      System.out.printf(Locale.ROOT, "step split (ms)     forward %.0f, backward %.0f, clip+AdamW %.0f%n",
          r.forwardMs(), r.backwardMs(), r.optimizerMs());
      System.out.printf(Locale.ROOT,
          "{\"bench\":\"train\",\"preset\":\"%s\",\"params\":%d,\"batch\":%d,\"seq\":%d,\"steps\":%d,"
              + "\"tokens_per_s\":%.2f,\"model_gflops\":%.2f,\"matmul_gflops\":%.2f,\"mfu\":%.4f,"
              + "\"forward_ms\":%.1f,\"backward_ms\":%.1f,\"optimizer_ms\":%.1f}%n",
          preset, r.parameters(), batch, seqLen, steps, r.tokensPerSecond(), r.modelFlopsPerSecond() / 1e9,
          r.matmulFlopsPerSecond() / 1e9, r.mfu(), r.forwardMs(), r.backwardMs(), r.optimizerMs());
      return 0;
    }
  }

  @Command(name = "decode", mixinStandardHelpOptions = true,
      description = "Single-stream greedy decode tokens/s with the KV cache.")
  static final class Decode implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "minimind2-small") String preset;
    @Option(names = "--set") List<String> overrides = new ArrayList<>();
    @Option(names = "--prompt-tokens", defaultValue = "32") int promptTokens;
    @Option(names = "--new-tokens", defaultValue = "256") int newTokens;
    @Mixin EngineOptions engine;

    @Override
    public Integer call() {
      engine.apply();
      DecodeBenchmark.Result r = DecodeBenchmark.run(preset, config(preset, overrides), promptTokens, newTokens);
      System.out.printf(Locale.ROOT, "bench decode: %s (%,d parameters), prompt %d tokens, %d new tokens%n",
          preset, r.parameters(), promptTokens, newTokens);
      System.out.printf(Locale.ROOT, "prefill ms          %.1f%n", r.prefillMs());
      System.out.printf(Locale.ROOT, "decode tokens/s     %.1f%n", r.decodeTokensPerSecond());
      System.out.printf(Locale.ROOT,
          "{\"bench\":\"decode\",\"preset\":\"%s\",\"params\":%d,\"prompt_tokens\":%d,\"new_tokens\":%d,"
              + "\"prefill_ms\":%.2f,\"decode_tokens_per_s\":%.2f}%n",
          preset, r.parameters(), promptTokens, newTokens, r.prefillMs(), r.decodeTokensPerSecond());
      return 0;
    }
  }

  @Command(name = "infer", mixinStandardHelpOptions = true,
      description = "Greedy decode tokens/s of the pure-Java engine (and the DJL generator) at several "
          + "concurrent streams and thread counts; the JVM needs --add-modules jdk.incubator.vector.")
  static final class Infer implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "minimind2-small") String preset;
    @Option(names = "--set") List<String> overrides = new ArrayList<>();
    @Option(names = "--streams", split = ",", defaultValue = "1,4,16") int[] streams;
    @Option(names = "--java-threads", split = ",", defaultValue = "1,2") int[] javaThreads;
    @Option(names = "--prompt-tokens", defaultValue = "32") int promptTokens;
    @Option(names = "--new-tokens", defaultValue = "128") int newTokens;
    @Option(names = "--repeats", defaultValue = "3") int repeats;
    @Option(names = "--djl", negatable = true, defaultValue = "true",
        description = "also time the DJL generator, alternating with the Java engine") boolean djl;
    @Mixin EngineOptions engine;

    @Override
    public Integer call() {
      engine.apply();
      List<InferBenchmark.Result> results = InferBenchmark.run(config(preset, overrides), streams, javaThreads,
          promptTokens, newTokens, repeats, djl);
      System.out.print(InferBenchmark.report(preset, promptTokens, newTokens, repeats, results));
      return 0;
    }
  }
}
