package io.minimind.cli;

import static io.minimind.cli.MiniMindCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.cli.MiniMindCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train lora}, {@code train reason} and {@code export --adapter} from the command line. */
class LoraAndReasonCliTest {
  @Test
  void loraThenExportAndReason(@TempDir Path tmp) throws Exception {
    Path pre = tmp.resolve("pre.jsonl");
    Files.write(pre, List.of("{\"text\": \"春眠不觉晓，处处闻啼鸟。\"}", "{\"text\": \"夜来风雨声，花落知多少。\"}"));
    Run base = run("train", "pretrain", "--data", pre.toString(), "--out", tmp.resolve("base").toString(),
        "--preset", "tiny", "--set", "hidden_size=32", "--set", "num_hidden_layers=1",
        "--batch-size", "2", "--max-seq-len", "32", "--max-steps", "1");
    assertEquals(0, base.code(), base.err());
    Path baseModel = tmp.resolve("base/model");

    Path sft = tmp.resolve("sft.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      lines.add("{\"conversations\": [{\"role\": \"user\", \"content\": \"1+" + i + "=?\"},"
          + " {\"role\": \"assistant\", \"content\": \"<think>\\n想一想\\n</think>\\n<answer>"
          + (1 + i) + "</answer>\"}]}");
    }
    Files.write(sft, lines);
    Run lora = run("train", "lora", "--data", sft.toString(), "--out", tmp.resolve("lora").toString(),
        "--init-from", baseModel.toString(), "--rank", "4", "--alpha", "8", "--targets", "q,v,gate",
        "--batch-size", "2", "--max-seq-len", "48", "--max-steps", "2", "--log-interval", "1");
    assertEquals(0, lora.code(), lora.err());
    System.out.println(lora.out());
    assertTrue(lora.out().contains("lora: rank 4, alpha 8.0, targets q,v,gate"), lora.out());
    assertTrue(Files.isRegularFile(tmp.resolve("lora/adapter/adapter_model.safetensors")));
    assertTrue(Files.isRegularFile(tmp.resolve("lora/model/model.safetensors")));

    Run export = run("export", "--model", baseModel.toString(), "--adapter",
        tmp.resolve("lora/adapter").toString(), "--format", "gguf", "--out", tmp.resolve("m.gguf").toString());
    assertEquals(0, export.code(), export.err());
    assertTrue(export.out().contains("merged the adapters of"), export.out());
    assertTrue(Files.size(tmp.resolve("m.gguf")) > 0);

    Run reason = run("train", "reason", "--data", sft.toString(), "--out", tmp.resolve("reason").toString(),
        "--init-from", baseModel.toString(), "--tag-weight", "5", "--batch-size", "2",
        "--max-seq-len", "48", "--max-steps", "2", "--learning-rate", "1e-4");
    assertEquals(0, reason.code(), reason.err());
    assertTrue(reason.out().contains("reason: model written to"), reason.out());

    Run wrongBase = run("export", "--model", tmp.resolve("reason/model").toString(), "--adapter",
        tmp.resolve("lora/adapter").toString(), "--format", "hf", "--out", tmp.resolve("hf").toString());
    assertEquals(2, wrongBase.code());
    assertTrue(errorLine(wrongBase).contains("were trained on a different base model"), wrongBase.err());
  }

  @Test
  void loraUserErrors(@TempDir Path tmp) throws Exception {
    Path sft = tmp.resolve("sft.jsonl");
    Files.write(sft, List.of("{\"conversations\": [{\"role\": \"user\", \"content\": \"hi\"},"
        + " {\"role\": \"assistant\", \"content\": \"hello\"}]}"));
    Run noBase = run("train", "lora", "--data", sft.toString(), "--out", tmp.toString());
    assertEquals(2, noBase.code());
    assertTrue(errorLine(noBase).contains("--init-from is required"), noBase.err());
    Run target = run("train", "lora", "--data", sft.toString(), "--init-from", tmp.toString(),
        "--targets", "q,x");
    assertEquals(2, target.code());
    assertTrue(errorLine(target).contains("unknown LoRA target 'x'"), target.err());
    Run rank = run("train", "lora", "--data", sft.toString(), "--init-from", tmp.toString(),
        "--rank", "0");
    assertEquals(2, rank.code());
    assertTrue(errorLine(rank).contains("LoRA rank must be >= 1, got 0"), rank.err());
    System.out.println("cli lora errors: " + errorLine(noBase) + " | " + errorLine(target) + " | "
        + errorLine(rank));
  }

  private static String errorLine(Run r) {
    return r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("(no error line)");
  }
}
