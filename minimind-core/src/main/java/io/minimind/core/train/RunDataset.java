package io.minimind.core.train;

import io.minimind.core.data.BadLinePolicy;
import io.minimind.core.data.JsonlDataset;
import io.minimind.core.data.JsonlIndex;
import io.minimind.core.data.ReasonEncoder;
import io.minimind.core.data.ShardedDataset;
import io.minimind.core.data.TokenDataset;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training samples of a run and what identifies them on resume. A JSONL file is tokenized on
 * the fly; a directory of token shards ({@code ./minimind tokenize}) is read as is and must hold
 * samples of the run's kind. Closing it closes the JSONL file.
 */
public final class RunDataset implements AutoCloseable {
  private final TokenDataset data;
  private final String fingerprint;
  private final JsonlDataset jsonl;

  private RunDataset(TokenDataset data, String fingerprint, JsonlDataset jsonl) {
    this.data = data;
    this.fingerprint = fingerprint;
    this.jsonl = jsonl;
  }

  /**
   * @param kind "pretrain" ({@code {"text"}} lines) or "sft" ({@code {"conversations"}})
   * @throws IllegalArgumentException when the path is neither kind of dataset, or has no samples
   */
  public static RunDataset open(String kind, Path path, MiniMindTokenizer tok, int maxSeqLen,
      BadLinePolicy policy) throws IOException {
    return open(kind, path, tok, maxSeqLen, policy, ReasonEncoder.DEFAULT_TAG_WEIGHT);
  }

  /**
   * @param kind "pretrain", "sft" or "reason" (conversations with weighted think/answer tags)
   * @param tagWeight loss weight of the tag tokens (reason only)
   * @throws IllegalArgumentException when the path is neither kind of dataset, or has no samples
   */
  public static RunDataset open(String kind, Path path, MiniMindTokenizer tok, int maxSeqLen,
      BadLinePolicy policy, double tagWeight) throws IOException {
    boolean reason = "reason".equals(kind);
    if (reason && ShardedDataset.isShardDirectory(path)) {
      throw new IllegalArgumentException(path + " is a directory of token shards, which carry no"
          + " per-token loss weights; reasoning SFT reads the JSONL file");
    }
    if (ShardedDataset.isShardDirectory(path)) {
      ShardedDataset shards = ShardedDataset.open(path, tok.sha256());
      if (!shards.kind().equals(kind)) {
        throw new IllegalArgumentException(path + " holds " + shards.kind()
            + " samples, but this run trains on " + kind + " samples");
      }
      requireSamples(path, kind, shards.size(), "samples");
      return new RunDataset(shards, shards.fingerprint(), null);
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("dataset " + path
          + " is neither a JSONL file nor a directory of token shards (manifest.json)");
    }
    JsonlDataset jsonl = reason
        ? JsonlDataset.reason(path, tok, maxSeqLen, policy, tagWeight)
        : JsonlDataset.open(kind, path, tok, maxSeqLen, policy);
    try {
      requireSamples(path, kind, jsonl.size(), "lines (" + jsonl.index().badLines() + " bad, "
          + jsonl.index().blankLines() + " blank)");
      return new RunDataset(jsonl, fingerprint(path, jsonl.index()), jsonl);
    } catch (RuntimeException | IOException e) {
      jsonl.close();
      throw e;
    }
  }

  public TokenDataset data() {
    return data;
  }

  /** Identifies the dataset in checkpoints (see {@link RunIdentity#dataFingerprint()}). */
  public String fingerprint() {
    return fingerprint;
  }

  private static void requireSamples(Path path, String kind, int size, String what) {
    if (size == 0) {
      throw new IllegalArgumentException(path + " has no usable " + kind + " " + what);
    }
  }

  /** Identifies the dataset by name, size and line counts (not by absolute path, so runs can move). */
  static String fingerprint(Path data, JsonlIndex index) throws IOException {
    return data.getFileName() + ":" + Files.size(data) + "B:" + index.goodLines() + "good:"
        + index.badLines() + "bad";
  }

  @Override
  public void close() throws IOException {
    if (jsonl != null) {
      jsonl.close();
    }
  }
}
