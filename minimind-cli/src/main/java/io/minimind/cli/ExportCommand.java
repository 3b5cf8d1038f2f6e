package io.minimind.cli;

import io.minimind.core.export.GgufExport;
import io.minimind.core.export.GgufReader;
import io.minimind.core.export.GgufType;
import io.minimind.core.export.HfExport;
import io.minimind.core.lora.LoraMerge;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code minimind export}: a model directory → a Hugging Face Transformers directory or a GGUF
 * file for llama.cpp / ollama; {@code --inspect} lists a GGUF file; {@code
 * --compare-with-llama-cpp} writes our greedy reference for tools/llama-cpp/compare.mjs.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export a model directory to Hugging Face Transformers (--format hf) or GGUF "
        + "for llama.cpp / ollama (--format gguf).",
        "  export --model DIR --format hf --out DIR",
        "  export --model DIR --format gguf [--type f32|f16|q8_0] --out FILE.gguf",
        "  export --model BASE --adapter ADAPTER_DIR --format hf|gguf --out ...  (LoRA merged first)",
        "  export --inspect FILE.gguf",
        "  export --model DIR --compare-with-llama-cpp PROMPTS.json --out REFERENCE.json"})
final class ExportCommand implements Callable<Integer> {
  @Option(names = "--model", description = "model directory (config.json + model.safetensors)")
  Path model;

  @Option(names = "--format", description = "hf or gguf") String format;

  @Option(names = "--type", description = "GGUF weight type: f32, f16 or q8_0; default f32")
  String type;

  @Option(names = "--out", description = "output directory (hf), file (gguf) or reference JSON")
  Path out;

  @Option(names = "--adapter", description = "a LoRA adapter directory (train lora's <out>/adapter)"
      + " trained on --model: merged into it before export")
  Path adapter;

  @Option(names = "--inspect", description = "print the metadata and tensors of a GGUF file")
  Path inspect;

  @Option(names = "--compare-with-llama-cpp", paramLabel = "PROMPTS.json",
      description = "write our greedy tokens and logits for these prompts (see tools/llama-cpp)")
  Path comparePrompts;

  @Option(names = "--steps", defaultValue = "64",
      description = "greedy tokens per prompt for --compare-with-llama-cpp; default ${DEFAULT-VALUE}")
  int steps;

  @Mixin EngineOptions engine;

  @Override
  public Integer call() throws Exception {
    if (inspect != null) {
      requireNone(model != null || format != null || out != null, "--inspect takes only a file");
      inspect(inspect, System.out);
      return 0;
    }
    if (model == null) {
      throw new IllegalArgumentException("--model is required (a model directory)");
    }
    if (!Files.isDirectory(model)) {
      throw new IllegalArgumentException("model directory " + model + " does not exist");
    }
    if (comparePrompts == null && (format == null || out == null)) {
      throw new IllegalArgumentException("--format (hf or gguf) and --out are required");
    }
    engine.apply();
    if (adapter == null) {
      return export(model);
    }
    Path tmp = Files.createTempDirectory("minimind-lora-merge");
    try {
      Path merged = tmp.resolve("model");
      LoraMerge.write(model, adapter, merged);
      System.out.println("export: merged the adapters of " + adapter + " into " + model);
      return export(merged);
    } finally {
      try (var files = Files.walk(tmp)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private int export(Path model) throws Exception {
    if (comparePrompts != null) {
      requireNone(format != null || type != null, "--compare-with-llama-cpp takes no --format/--type");
      LlamaCppReference.write(model, comparePrompts, steps, out);
      return 0;
    }
    long start = System.nanoTime();
    switch (format.toLowerCase(Locale.ROOT)) {
      case "hf" -> {
        requireNone(type != null, "--type applies to --format gguf only (hf is written as float32)");
        HfExport.write(model, out);
      }
      case "gguf" -> GgufExport.write(model, out, type == null ? GgufType.F32 : GgufType.parse(type));
      default -> throw new IllegalArgumentException("unknown --format '" + format + "'; use hf or gguf");
    }
    System.out.printf(Locale.ROOT, "export: %s -> %s (%s) in %.1f s%n", model, out, format,
        (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private static void requireNone(boolean conflict, String message) {
    if (conflict) {
      throw new IllegalArgumentException(message);
    }
  }

  static void inspect(Path file, PrintStream o) throws java.io.IOException {
    GgufReader r = GgufReader.open(file);
    o.printf("%s: GGUF v%d, %d metadata keys, %d tensors%n", file, r.version(),
        r.metadata().size(), r.tensors().size());
    r.metadata().forEach((k, v) -> o.printf("  %-45s %s%n", k, v));
    r.tensors().values().forEach(t -> o.printf("  %-32s %-14s %s%n", t.name(),
        Arrays.toString(t.shape()), t.type() == null ? "type " + t.typeId() : t.type()));
  }
}
