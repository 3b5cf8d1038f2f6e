package io.minimind.core.data;

import com.google.gson.JsonObject;
import io.minimind.core.io.StrictJson;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A MiniMind-format JSONL file as a {@link TokenDataset}: one streaming pass builds the index of
 * good lines (bad ones reported per {@link BadLinePolicy}), then samples are read by positional
 * reads and encoded on demand. {@link #pretrain} reads {@code {"text": ...}} lines, {@link #sft}
 * reads {@code {"conversations": [...]}} lines.
 */
public final class JsonlDataset implements TokenDataset, AutoCloseable {
  private final String kind;
  private final JsonlIndex index;
  private final JsonlReader reader;
  private final Function<JsonObject, TokenizedSample> encode;
  private final int maxSeqLen;

  private JsonlDataset(String kind, JsonlIndex index, Function<JsonObject, TokenizedSample> encode,
      int maxSeqLen) throws IOException {
    this.kind = kind;
    this.index = index;
    this.reader = new JsonlReader(index);
    this.encode = encode;
    this.maxSeqLen = maxSeqLen;
  }

  /**
   * Pretraining text encoded by {@link PretrainEncoder}.
   *
   * @throws DataFormatException when bad lines exceed {@code policy}'s limit
   */
  public static JsonlDataset pretrain(Path file, MiniMindTokenizer tokenizer, int maxSeqLen,
      BadLinePolicy policy) throws IOException {
    PretrainEncoder encoder = new PretrainEncoder(tokenizer, maxSeqLen);
    return new JsonlDataset("pretrain", JsonlIndex.build(file, LineValidator.pretrain(), policy),
        json -> encoder.encode(Records.text(json)), maxSeqLen);
  }

  /**
   * Conversations encoded by {@link SftEncoder} (loss on assistant replies only).
   *
   * @throws DataFormatException when bad lines exceed {@code policy}'s limit
   */
  public static JsonlDataset sft(Path file, MiniMindTokenizer tokenizer, int maxSeqLen,
      BadLinePolicy policy) throws IOException {
    SftEncoder encoder = new SftEncoder(tokenizer, maxSeqLen);
    return new JsonlDataset("sft", JsonlIndex.build(file, LineValidator.sft(), policy),
        json -> encoder.encode(Records.conversation(json)), maxSeqLen);
  }

  @Override
  public int size() {
    return index.size();
  }

  @Override
  public TokenizedSample get(int i) {
    return encode.apply(StrictJson.parse(reader.line(i)).getAsJsonObject());
  }

  public JsonlIndex index() {
    return index;
  }

  @Override
  public String describe() {
    return kind + " " + index.path() + ": " + index.size() + " samples (" + index.badLines()
        + " bad, " + index.blankLines() + " blank lines skipped), max_seq_len " + maxSeqLen;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
