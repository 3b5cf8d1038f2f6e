package io.minimind.core.train;

import io.minimind.core.data.BadLinePolicy;
import io.minimind.core.data.JsonlDataset;
import io.minimind.core.data.ShardedDataset;
import io.minimind.core.data.TokenDataset;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's dataset from files: a MiniMind JSONL file tokenized on the fly, or a directory of token
 * shards written by {@code ./minimind tokenize}, checked to hold the kind the run trains on, plus
 * the fingerprint that ties checkpoints to it. Closes the JSONL file when closed.
 */
public final class RunData implements AutoCloseable {
  private final TokenDataset data;
  private final String fingerprint;
  private final JsonlDataset jsonl;

  private RunData(TokenDataset data, String fingerprint, JsonlDataset jsonl) {
    this.data = data;
    this.fingerprint = fingerprint;
    this.jsonl = jsonl;
  }

  /**
   * @param kind pretrain, sft, dpo or rlaif ({@link JsonlDataset#open})
   * @param path a JSONL file or a shard directory
   * @throws IllegalArgumentException when the path is neither, the shards hold another kind, or
   *     no usable sample remains
   */
  public static RunData open(String kind, Path path, MiniMindTokenizer tokenizer, int maxSeqLen,
      BadLinePolicy policy) throws IOException {
    if (ShardedDataset.isShardDirectory(path)) {
      ShardedDataset shards = ShardedDataset.open(path, tokenizer.sha256());
      if (!shards.kind().equals(kind)) {
        throw new IllegalArgumentException(path + " holds " + shards.kind()
            + " samples, but this is a " + kind + " run");
      }
      if (shards.size() == 0) {
        throw new IllegalArgumentException(path + " has no usable " + kind + " samples");
      }
      return new RunData(shards, shards.fingerprint(), null);
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("dataset " + path
          + " is neither a JSONL file nor a directory of token shards (manifest.json)");
    }
    JsonlDataset jsonl = JsonlDataset.open(kind, path, tokenizer, maxSeqLen, policy);
    try {
      if (jsonl.size() == 0) {
        throw new IllegalArgumentException(path + " has no usable " + kind + " lines ("
            + jsonl.index().badLines() + " bad, " + jsonl.index().blankLines() + " blank)");
      }
      return new RunData(jsonl, TrainingRun.fingerprint(path, jsonl.index()), jsonl);
    } catch (RuntimeException e) {
      jsonl.close();
      throw e;
    }
  }

  /**
   * The tokenizer a run uses: {@code tokenizerDir}'s when given, else the model directory's when it
   * has one, else MiniMind's bundled tokenizer.
   *
   * @param modelDir the model the run starts from, or null
   */
  public static MiniMindTokenizer tokenizer(Path tokenizerDir, Path modelDir) throws IOException {
    if (tokenizerDir != null) {
      return MiniMindTokenizer.load(tokenizerDir);
    }
    if (modelDir != null && Files.isRegularFile(modelDir.resolve("tokenizer.json"))) {
      return MiniMindTokenizer.load(modelDir);
    }
    return MiniMindTokenizer.defaultTokenizer();
  }

  public TokenDataset data() {
    return data;
  }

  /** Identifies the dataset in checkpoints (name, size, line counts; not the absolute path). */
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public void close() throws IOException {
    if (jsonl != null) {
      jsonl.close();
    }
  }
}
