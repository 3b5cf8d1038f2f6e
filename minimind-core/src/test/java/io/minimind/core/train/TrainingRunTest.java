package io.minimind.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.minimind.core.checkpoint.ModelDirectory;
import io.minimind.core.data.DataFormatException;
import io.minimind.core.sampling.ChatSession;
import io.minimind.core.sampling.GenerationConfig;
import io.minimind.core.tokenizer.ChatMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pretrain → SFT → chat from files, the path the CLI and trainer-service take. */
class TrainingRunTest {
  static final List<String> TINY = List.of("hidden_size=32", "num_hidden_layers=1",
      "num_attention_heads=2", "num_key_value_heads=1");

  static TrainConfig quick(long steps) {
    return new TrainConfig(1, 4, 1e-3, 48, 1, 1.0, 0.01, 0, 1, 7, true, steps, 0, 2);
  }

  @Test
  void pretrainThenSftThenChat(@TempDir Path tmp) throws Exception {
    Path pre = tmp.resolve("pretrain.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add("{\"text\": \"床前明月光，疑是地上霜。举头望明月，低头思故乡。" + i + "\"}");
    }
    Files.write(pre, lines);
    Path sft = tmp.resolve("sft.jsonl");
    Files.write(sft, List.of(
        "{\"conversations\": [{\"role\": \"user\", \"content\": \"你好\"}, {\"role\": \"assistant\", \"content\": \"你好！\"}]}",
        "{\"conversations\": [{\"role\": \"user\", \"content\": \"静夜思的作者是谁？\"}, {\"role\": \"assistant\", \"content\": \"李白。\"}]}"));

    var p = TrainingRun.run(new TrainingRun.Spec(TrainingRun.Mode.PRETRAIN, pre, tmp.resolve("out-pre"),
        "tiny", TINY, null, null, quick(3), 0, false), ProgressListener.NONE);
    assertEquals(3, p.result().stepsDone());
    assertTrue(Files.isRegularFile(p.modelDir().resolve("model.safetensors")));
    assertTrue(Files.isRegularFile(p.modelDir().resolve("tokenizer.json")));
    assertTrue(Files.isDirectory(tmp.resolve("out-pre/checkpoints/step-000003")));

    var s = TrainingRun.run(new TrainingRun.Spec(TrainingRun.Mode.SFT, sft, tmp.resolve("out-sft"),
        "ignored", List.of(), p.modelDir(), null, quick(2), 0, false), ProgressListener.NONE);
    assertEquals(p.config(), s.config()); // SFT continues the pretrained architecture

    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      var loaded = ModelDirectory.load(s.modelDir(), m);
      var reply = new ChatSession(loaded.model(), loaded.tokenizer(), m)
          .reply(List.of(ChatMessage.user("你好")), GenerationConfig.greedy(5), null);
      assertNotNull(reply.text());
      assertTrue(reply.completionTokens() >= 1 && reply.completionTokens() <= 5);
    }
  }

  @Test
  void trainingOnShardsEqualsTrainingOnTheJsonl(@TempDir Path tmp) throws Exception {
    Path pre = tmp.resolve("pretrain.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add("{\"text\": \"白日依山尽，黄河入海流。" + i + "\"}");
    }
    Files.write(pre, lines);
    var tok = io.minimind.core.tokenizer.MiniMindTokenizer.defaultTokenizer();
    try (var src = io.minimind.core.data.JsonlDataset.pretrain(pre, tok, 48, new io.minimind.core.data.BadLinePolicy(0))) {
      io.minimind.core.data.ShardedDataset.write(src, "pretrain", tok.sha256(), tok.vocabSize(), tmp.resolve("shards"), 1000);
    }
    var fromJsonl = TrainingRun.run(new TrainingRun.Spec(TrainingRun.Mode.PRETRAIN, pre, tmp.resolve("a"),
        "tiny", TINY, null, null, quick(3), 0, false), ProgressListener.NONE);
    var fromShards = TrainingRun.run(new TrainingRun.Spec(TrainingRun.Mode.PRETRAIN, tmp.resolve("shards"),
        tmp.resolve("b"), "tiny", TINY, null, null, quick(3), 0, false), ProgressListener.NONE);
    assertEquals(fromJsonl.result().losses(), fromShards.result().losses());
    var wrongKind = new TrainingRun.Spec(TrainingRun.Mode.SFT, tmp.resolve("shards"), tmp.resolve("c"),
        "tiny", TINY, null, null, quick(1), 0, false);
    var e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.run(wrongKind, ProgressListener.NONE));
    assertTrue(e.getMessage().contains("holds pretrain samples"), e.getMessage());
  }

  @Test
  void badLinesBeyondTheLimitStopTheRunNamingFileAndLine(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("bad.jsonl");
    Files.write(data, List.of("{\"text\": \"ok\"}", "{not json", "{\"txt\": \"wrong field\"}", "{\"text\": \"fine\"}"));
    var spec = new TrainingRun.Spec(TrainingRun.Mode.PRETRAIN, data, tmp.resolve("out"), "tiny", TINY,
        null, null, quick(1), 1, false);
    var e = assertThrows(DataFormatException.class, () -> TrainingRun.run(spec, ProgressListener.NONE));
    assertTrue(e.getMessage().contains("bad.jsonl:3"), e.getMessage());
    assertTrue(!Files.exists(tmp.resolve("out/model")), "nothing is written for a failed run");
  }

  @Test
  void aDatasetWithoutUsableLinesIsAClearError(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("blank.jsonl");
    Files.write(data, List.of("", "   "));
    var spec = new TrainingRun.Spec(TrainingRun.Mode.PRETRAIN, data, tmp.resolve("out"), "tiny", TINY,
        null, null, quick(1), 0, false);
    var e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.run(spec, ProgressListener.NONE));
    assertTrue(e.getMessage().contains("blank.jsonl has no usable pretrain lines (0 bad, 2 blank)"), e.getMessage());
  }

  @Test
  void abandonedTemporaryCheckpointsAreCleanedUp(@TempDir Path tmp) throws Exception {
    Path pre = tmp.resolve("p.jsonl");
    Files.write(pre, List.of("{\"text\": \"abc\"}", "{\"text\": \"def\"}"));
    Path stale = tmp.resolve("out/checkpoints/.step-000001.tmp-dead");
    Files.createDirectories(stale);
    Files.writeString(stale.resolve("model.safetensors"), "half written");
    TrainingRun.run(new TrainingRun.Spec(TrainingRun.Mode.PRETRAIN, pre, tmp.resolve("out"), "tiny", TINY,
        null, null, quick(1), 0, false), ProgressListener.NONE);
    assertTrue(!Files.exists(stale), "stale temporary checkpoint removed");
    assertTrue(Files.isDirectory(tmp.resolve("out/checkpoints/step-000001")));
  }

  @Test
  void missingDatasetIsAClearError(@TempDir Path tmp) {
    var spec = new TrainingRun.Spec(TrainingRun.Mode.SFT, tmp.resolve("nope.jsonl"), tmp, "tiny", TINY,
        null, null, quick(1), 0, false);
    var e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.run(spec, ProgressListener.NONE));
    assertTrue(e.getMessage().contains("nope.jsonl"), e.getMessage());
  }
}
