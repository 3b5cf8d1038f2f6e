package io.minimind.core.data;

import com.google.gson.JsonObject;
import io.minimind.core.io.StrictJson;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A MiniMind-format JSONL file as a {@link TokenDataset}: one streaming pass builds the index of
 * good lines (bad ones reported per {@link BadLinePolicy}), then samples are read by positional
 * reads and encoded on demand. Kinds: {@link #pretrain} ({@code {"text"}}), {@link #sft} ({@code
 * {"conversations"}}), {@link #reason} (the same, tag tokens weighted), {@link #dpo} ({@code
 * {"chosen", "rejected"}}: two samples per line) and {@link #rlaif} (RL prompts from {@code
 * {"conversations"}}).
 */
public final class JsonlDataset implements TokenDataset, AutoCloseable {
  /** Encodes part {@code part} (0-based, < samples per line) of one parsed line. */
  @FunctionalInterface
  interface LineEncoder {
    TokenizedSample encode(JsonObject line, int part);
  }

  private final String kind;
  private final JsonlIndex index;
  private final JsonlReader reader;
  private final LineEncoder encoder;
  private final int samplesPerLine;
  private final int maxSeqLen;

  private JsonlDataset(String kind, JsonlIndex index, LineEncoder encoder, int samplesPerLine,
      int maxSeqLen) throws IOException {
    this.kind = kind;
    this.index = index;
    this.reader = new JsonlReader(index);
    this.encoder = encoder;
    this.samplesPerLine = samplesPerLine;
    this.maxSeqLen = maxSeqLen;
  }

  /**
   * Pretraining text encoded by {@link PretrainEncoder}.
   *
   * @throws DataFormatException when bad lines exceed {@code policy}'s limit
   */
  public static JsonlDataset pretrain(Path file, MiniMindTokenizer tokenizer, int maxSeqLen,
      BadLinePolicy policy) throws IOException {
    PretrainEncoder e = new PretrainEncoder(tokenizer, maxSeqLen);
    return new JsonlDataset("pretrain", JsonlIndex.build(file, LineValidator.pretrain(), policy),
        (json, part) -> e.encode(Records.text(json)), 1, maxSeqLen);
  }

  /** Conversations encoded by {@link SftEncoder} (loss on assistant replies only). */
  public static JsonlDataset sft(Path file, MiniMindTokenizer tokenizer, int maxSeqLen,
      BadLinePolicy policy) throws IOException {
    SftEncoder e = new SftEncoder(tokenizer, maxSeqLen);
    return new JsonlDataset("sft", JsonlIndex.build(file, LineValidator.sft(), policy),
        (json, part) -> e.encode(Records.conversation(json)), 1, maxSeqLen);
  }

  /**
   * Reasoning conversations encoded by {@link ReasonEncoder}: SFT whose {@code <think>}/{@code
   * <answer>} tag tokens weigh {@code tagWeight} in the loss.
   */
  public static JsonlDataset reason(Path file, MiniMindTokenizer tokenizer, int maxSeqLen,
      BadLinePolicy policy, double tagWeight) throws IOException {
    ReasonEncoder e = new ReasonEncoder(tokenizer, maxSeqLen, tagWeight);
    return new JsonlDataset("reason", JsonlIndex.build(file, LineValidator.sft(), policy),
        (json, part) -> e.encode(Records.conversation(json)), 1, maxSeqLen);
  }

  /**
   * DPO pairs: sample 2i is line i's {@code chosen} conversation and sample 2i+1 its {@code
   * rejected} one, each encoded like SFT (loss mask on the replies).
   */
  public static JsonlDataset dpo(Path file, MiniMindTokenizer tokenizer, int maxSeqLen,
      BadLinePolicy policy) throws IOException {
    SftEncoder e = new SftEncoder(tokenizer, maxSeqLen);
    return new JsonlDataset("dpo", JsonlIndex.build(file, LineValidator.dpo(), policy),
        (json, part) -> e.encode(Records.conversation(json, part == 0 ? "chosen" : "rejected")),
        2, maxSeqLen);
  }

  /** RL prompts (RLAIF): the conversation up to its last question plus the generation prompt. */
  public static JsonlDataset rlaif(Path file, MiniMindTokenizer tokenizer, int maxSeqLen,
      BadLinePolicy policy) throws IOException {
    PromptEncoder e = new PromptEncoder(tokenizer, maxSeqLen);
    return new JsonlDataset("rlaif", JsonlIndex.build(file, LineValidator.rlaif(), policy),
        (json, part) -> e.encode(Records.conversation(json)), 1, maxSeqLen);
  }

  /** Opens {@code file} as the named kind: pretrain, sft, dpo or rlaif. */
  public static JsonlDataset open(String kind, Path file, MiniMindTokenizer tokenizer,
      int maxSeqLen, BadLinePolicy policy) throws IOException {
    return switch (kind) {
      case "pretrain" -> pretrain(file, tokenizer, maxSeqLen, policy);
      case "sft" -> sft(file, tokenizer, maxSeqLen, policy);
      case "dpo" -> dpo(file, tokenizer, maxSeqLen, policy);
      case "rlaif" -> rlaif(file, tokenizer, maxSeqLen, policy);
      default -> throw new IllegalArgumentException(
          "dataset kind must be pretrain, sft, dpo or rlaif, got '" + kind + "'");
    };
  }

  /** Samples in the dataset (two per line for DPO). */
  @Override
  public int size() {
    return index.size() * samplesPerLine;
  }

  @Override
  public TokenizedSample get(int i) {
    JsonObject line = StrictJson.parse(reader.line(i / samplesPerLine)).getAsJsonObject();
    return encoder.encode(line, i % samplesPerLine);
  }

  public String kind() {
    return kind;
  }

  public JsonlIndex index() {
    return index;
  }

  @Override
  public String describe() {
    return kind + " " + index.path() + ": " + size() + " samples (" + index.badLines()
        + " bad, " + index.blankLines() + " blank lines skipped), max_seq_len " + maxSeqLen;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
