package io.minimind.orchestrator.api;

import java.nio.file.Files;
import java.nio.file.Path;

/** Specs and data for the orchestrator tests (artifact root: target/test-artifacts). */
final class Specs {
  static final Path ROOT = Path.of("target/test-artifacts").toAbsolutePath();

  static void writeDatasets() throws Exception {
    Files.createDirectories(ROOT.resolve("datasets"));
    Files.writeString(ROOT.resolve("datasets/pre.jsonl"), "{\"text\": \"床前明月光\"}\n");
    Files.writeString(ROOT.resolve("datasets/sft.jsonl"),
        "{\"conversations\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"hello\"}]}\n");
  }

  /** pretrain → sft → publish, at most {@code attempts} attempts per stage. */
  static String threeStages(String name, int attempts) {
    return """
        name: %s
        model: {preset: tiny, overrides: {hidden_size: 32}}
        datasets: {pre: datasets/pre.jsonl, sft: datasets/sft.jsonl}
        retry: {maxAttempts: %d}
        stages:
          - {id: pretrain, kind: pretrain, dataset: pre, parameters: {maxSteps: 4, saveInterval: 2}}
          - {id: sft, kind: sft, dataset: sft, parameters: {maxSteps: 2}}
          - {id: publish, kind: publish, parameters: {modelName: test-model}}
        """.formatted(name, attempts);
  }

  private Specs() {}
}
