package io.minimind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiniMindCliTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = MiniMindCli.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void trainsThenChatsThenResumesFromTheCommandLine(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("pre.jsonl");
    Files.write(data, List.of("{\"text\": \"春眠不觉晓，处处闻啼鸟。\"}", "{\"text\": \"夜来风雨声，花落知多少。\"}"));
    String[] common = {"train", "pretrain", "--data", data.toString(), "--out", tmp.resolve("run").toString(),
        "--preset", "tiny", "--set", "hidden_size=32", "--set", "num_hidden_layers=1",
        "--batch-size", "2", "--max-seq-len", "32", "--max-steps", "4", "--save-interval", "2",
        "--log-interval", "1"};
    Run first = run(concat(common, "--stop-after-steps", "2"));
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("stopped early"), first.out());
    Run second = run(concat(common, "--resume"));
    assertEquals(0, second.code(), second.err());
    assertTrue(second.out().contains("resuming at step 2 of 4"), second.out());
    assertTrue(second.out().contains("model written to"), second.out());

    Run chat = run("chat", "--model", tmp.resolve("run/model").toString(), "--prompt", "你好",
        "--max-new-tokens", "4", "--temperature", "0");
    assertEquals(0, chat.code(), chat.err());
  }

  @Test
  void tokenizerTrainEncodeAndRender(@TempDir Path tmp) throws Exception {
    Path corpus = tmp.resolve("c.jsonl");
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      lines.add("{\"text\": \"床前明月光，疑是地上霜。" + i + "\"}");
    }
    Files.write(corpus, lines);
    Run train = run("tokenizer", "train", "--data", corpus.toString(), "--vocab-size", "300",
        "--out", tmp.resolve("tok").toString());
    assertEquals(0, train.code(), train.err());
    Run encode = run("tokenizer", "encode", "--tokenizer", tmp.resolve("tok").toString(), "--text", "床前·明月");
    assertEquals(0, encode.code(), encode.err());
    assertTrue(encode.out().contains("decodes to: 床前·明月"), encode.out());
    Run render = run("tokenizer", "render", "--messages", "[{\"role\": \"user\", \"content\": \"你好\"}]",
        "--add-generation-prompt");
    assertEquals(0, render.code(), render.err());
    assertEquals("<|im_start|>system\nYou are a helpful assistant<|im_end|>\n<|im_start|>user\n你好<|im_end|>\n"
        + "<|im_start|>assistant\n", render.out());
  }

  @Test
  void userErrorsAreOneClearLine(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("bad.jsonl");
    Files.write(data, List.of("{\"text\": \"ok\"}", "not json at all"));
    Run r = run("train", "pretrain", "--data", data.toString(), "--out", tmp.toString(),
        "--preset", "tiny", "--max-bad-lines", "0", "--max-steps", "1");
    assertEquals(2, r.code());
    assertTrue(errorLine(r).contains("bad.jsonl:2"), r.err());

    Run preset = run("train", "pretrain", "--data", data.toString(), "--preset", "huge");
    assertEquals(2, preset.code());
    assertTrue(errorLine(preset).contains("unknown preset 'huge'"), preset.err());

    Run chat = run("chat", "--model", tmp.resolve("missing").toString(), "--prompt", "hi");
    assertEquals(2, chat.code());
    assertTrue(errorLine(chat).contains("is not a model directory"), chat.err());
  }

  /** The single "error: ..." line the CLI prints for a user error (logging may add other lines). */
  private static String errorLine(Run r) {
    return r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("(no error line)");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
