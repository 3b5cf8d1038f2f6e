package io.minimind.core.data;

import io.minimind.core.io.StrictJson;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * MiniMind SFT JSONL ({@code {"conversations": [{"role", "content"}, ...]}} per line), encoded by
 * {@link SftEncoder}.
 */
public final class SftDataset implements TokenDataset, AutoCloseable {
  private final JsonlIndex index;
  private final JsonlReader reader;
  private final SftEncoder encoder;

  private SftDataset(JsonlIndex index, SftEncoder encoder) throws IOException {
    this.index = index;
    this.reader = new JsonlReader(index);
    this.encoder = encoder;
  }

  /**
   * Indexes {@code file} (one streaming pass) and opens it for random access.
   *
   * @throws DataFormatException when bad lines exceed {@code policy}'s limit
   */
  public static SftDataset open(
      Path file, MiniMindTokenizer tokenizer, int maxSeqLen, BadLinePolicy policy)
      throws IOException {
    return new SftDataset(
        JsonlIndex.build(file, LineValidator.sft(), policy), new SftEncoder(tokenizer, maxSeqLen));
  }

  @Override
  public int size() {
    return index.size();
  }

  @Override
  public TokenizedSample get(int i) {
    return encoder.encode(Records.conversation(StrictJson.parse(reader.line(i)).getAsJsonObject()));
  }

  public JsonlIndex index() {
    return index;
  }

  @Override
  public String describe() {
    return "sft " + index.path() + ": " + index.size() + " samples (" + index.badLines()
        + " bad, " + index.blankLines() + " blank lines skipped), max_seq_len "
        + encoder.maxSeqLen();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
