package io.minimind.cli;

import static io.minimind.cli.MiniMindCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.cli.MiniMindCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train grpo|cispo|spo|ppo} on the sample prompts, from a tiny model trained in the test. */
class TrainRlCommandTest {
  static final Path PROMPTS = Path.of("../datasets/sample/rlaif.jsonl");

  @Test
  void everyAlgorithmRunsFromTheCommandLine(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("pre.jsonl");
    Files.write(data, List.of("{\"text\": \"春眠不觉晓，处处闻啼鸟。\"}", "{\"text\": \"夜来风雨声，花落知多少。\"}"));
    Run pre = run("train", "pretrain", "--data", data.toString(), "--out", tmp.resolve("pre").toString(),
        "--preset", "tiny", "--set", "hidden_size=32", "--set", "num_hidden_layers=1", "--batch-size", "2",
        "--max-seq-len", "32", "--max-steps", "1");
    assertEquals(0, pre.code(), pre.err());
    Path model = tmp.resolve("pre/model");
    for (String algorithm : List.of("grpo", "cispo", "spo", "ppo")) {
      Run r = run("train", algorithm, "--data", PROMPTS.toString(), "--init-from", model.toString(),
          "--out", tmp.resolve(algorithm).toString(), "--max-steps", "2", "--batch-size", "2",
          "--max-new-tokens", "4", "--max-seq-len", "64", "--lr", "1e-4", "--reward-weight", "length=1",
          "--reward-weight", "repetition=0.5", "--rollout-engine", algorithm.equals("cispo") ? "java" : "djl",
          "--top-k", algorithm.equals("spo") ? "50" : "0", "--top-p", algorithm.equals("spo") ? "0.85" : "1");
      System.out.println(r.out());
      assertEquals(0, r.code(), algorithm + ": " + r.err());
      assertTrue(r.out().contains("reward_mean"), r.out());
      assertTrue(r.out().contains(algorithm + ": model written to"), r.out());
      assertTrue(Files.isRegularFile(tmp.resolve(algorithm + "/model/model.safetensors")));
    }
    Run bad = run("train", "grpo", "--data", PROMPTS.toString(), "--init-from", model.toString(),
        "--out", tmp.resolve("bad").toString(), "--reward-weight", "lenght=1");
    assertEquals(2, bad.code(), "a user error");
    assertTrue(bad.err().contains("unknown reward \"lenght\""), bad.err());
    Run noModel = run("train", "ppo", "--data", PROMPTS.toString(), "--init-from", tmp.resolve("nothing").toString());
    assertEquals(2, noModel.code());
    assertTrue(noModel.err().contains("initFrom must be a model directory"), noModel.err());
  }

  @Test
  void benchRlEndsWithAJsonLine() {
    Run r = run("bench", "rl", "--preset", "tiny", "--prompts", "1", "--group-size", "2", "--prompt-len", "8",
        "--max-new-tokens", "4", "--warmup", "0", "--steps", "1");
    System.out.println(r.out());
    assertEquals(0, r.code(), r.err());
    String last = r.out().strip().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("{\"bench\":\"rl\"") && last.contains("\"algorithm\":\"ppo\""), last);
  }
}
