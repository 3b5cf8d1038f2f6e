package io.minimind.trainer;

import io.minimind.contracts.messages.StageJob;
import io.minimind.contracts.messages.StageKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tiny datasets and jobs under the test artifact root (target/test-artifacts). */
final class TestJobs {
  static final Path ROOT = Path.of("target/test-artifacts").toAbsolutePath().normalize();

  private TestJobs() {}

  /** A fresh directory under datasets/ for one test's files. */
  static Path datasetDir() throws IOException {
    return Files.createDirectories(ROOT.resolve("datasets").resolve(UUID.randomUUID().toString()));
  }

  static Path pretrainData(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      lines.add("{\"text\": \"床前明月光，疑是地上霜。举头望明月，低头思故乡。" + i + "\"}");
    }
    return Files.write(dir.resolve("pretrain.jsonl"), lines);
  }

  static Path sftData(Path dir) throws IOException {
    return Files.write(dir.resolve("sft.jsonl"), List.of(
        "{\"conversations\": [{\"role\": \"user\", \"content\": \"你好\"}, {\"role\": \"assistant\", \"content\": \"你好！\"}]}",
        "{\"conversations\": [{\"role\": \"user\", \"content\": \"静夜思的作者是谁？\"}, {\"role\": \"assistant\", \"content\": \"李白。\"}]}"));
  }

  /** The tiny model of the brief: fast enough to train a few steps in a test. */
  static Map<String, Object> tinyParams(int maxSteps) {
    Map<String, Object> p = new HashMap<>();
    p.put("preset", "tiny");
    p.put("overrides", Map.of("hidden_size", 32, "num_hidden_layers", 1, "num_attention_heads", 2,
        "num_key_value_heads", 1));
    p.put("maxSteps", maxSteps);
    p.put("saveInterval", 2);
    p.put("logInterval", 1);
    p.put("maxSeqLen", 32);
    p.put("batchSize", 2);
    p.put("accumulationSteps", 1);
    p.put("learningRate", 0.001);
    return p;
  }

  static String attemptUri(String pipeline, String stage, int attempt) {
    return ROOT.resolve("pipelines").resolve(pipeline).resolve(stage).resolve("attempt-" + attempt)
        .toUri().toString();
  }

  static StageJob job(String pipeline, String stage, int attempt, StageKind kind,
      Map<String, Object> params, List<String> inputs, String resumeFrom) {
    return StageJob.create(pipeline, stage, attempt, kind, params, inputs,
        attemptUri(pipeline, stage, attempt), resumeFrom);
  }
}
