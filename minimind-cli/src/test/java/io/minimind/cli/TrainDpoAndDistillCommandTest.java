package io.minimind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minimind.cli.MiniMindCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train dpo} and {@code train distill} from the command line, on the bundled DPO sample. */
class TrainDpoAndDistillCommandTest {
  static final Path DPO_SAMPLE = Path.of("..", "datasets", "sample", "dpo.jsonl");

  @Test
  void pretrainThenDpoThenDistillIntoASmallerStudent(@TempDir Path tmp) throws Exception {
    Path pre = tmp.resolve("pre.jsonl");
    Files.write(pre, List.of("{\"text\": \"《静夜思》的作者是唐代诗人李白。\"}",
        "{\"text\": \"王绩是唐代诗人。\"}"));
    Run base = MiniMindCliTest.run("train", "pretrain", "--data", pre.toString(), "--out",
        tmp.resolve("base").toString(), "--preset", "tiny", "--set", "hidden_size=32", "--set",
        "num_hidden_layers=1", "--batch-size", "2", "--max-seq-len", "64", "--max-steps", "1");
    assertEquals(0, base.code(), base.err());
    Path model = tmp.resolve("base/model");

    Run dpo = MiniMindCliTest.run("train", "dpo", "--data", DPO_SAMPLE.toString(), "--init-from",
        model.toString(), "--out", tmp.resolve("dpo").toString(), "--batch-size", "2",
        "--max-seq-len", "64", "--max-steps", "2", "--log-interval", "1", "--lr", "1e-4",
        "--precompute-reference");
    System.out.println(dpo.out());
    assertEquals(0, dpo.code(), dpo.err());
    assertTrue(dpo.out().contains("margin") && dpo.out().contains("accuracy"), dpo.out());
    assertTrue(dpo.out().contains("96 samples"), dpo.out()); // 48 pairs
    assertTrue(Files.isRegularFile(tmp.resolve("dpo/model/model.safetensors")));
    assertTrue(Files.isRegularFile(tmp.resolve("dpo/reference-logprobs.bin")));

    Path sft = tmp.resolve("sft.jsonl");
    Files.write(sft, List.of("{\"conversations\": [{\"role\": \"user\", \"content\": \"王绩是哪个朝代的诗人？\"},"
        + " {\"role\": \"assistant\", \"content\": \"王绩是唐代诗人。\"}]}"));
    Run distill = MiniMindCliTest.run("train", "distill", "--data", sft.toString(), "--teacher",
        tmp.resolve("dpo/model").toString(), "--out", tmp.resolve("student").toString(),
        "--preset", "tiny", "--set", "hidden_size=16", "--set", "num_hidden_layers=1",
        "--batch-size", "1", "--max-seq-len", "64", "--max-steps", "2", "--log-interval", "1");
    System.out.println(distill.out());
    assertEquals(0, distill.code(), distill.err());
    assertTrue(distill.out().contains(" kl ") && distill.out().contains(" ce "), distill.out());
    assertTrue(Files.isRegularFile(tmp.resolve("student/model/model.safetensors")));
  }

  @Test
  void missingModelsAreUserErrors(@TempDir Path tmp) {
    Run noInit = MiniMindCliTest.run("train", "dpo", "--data", DPO_SAMPLE.toString());
    assertEquals(2, noInit.code());
    assertTrue(noInit.err().contains("--init-from"), noInit.err());
    Run badTeacher = MiniMindCliTest.run("train", "distill", "--data", DPO_SAMPLE.toString(),
        "--teacher", tmp.resolve("none").toString());
    assertEquals(2, badTeacher.code());
    assertTrue(badTeacher.err().contains("is not a model directory"), badTeacher.err());
  }
}
