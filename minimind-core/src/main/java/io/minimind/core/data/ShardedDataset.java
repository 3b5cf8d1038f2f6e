package io.minimind.core.data;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.minimind.core.io.AtomicFiles;
import io.minimind.core.io.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A tokenized dataset on disk: a directory with {@code manifest.json} and {@link TokenShard} files,
 * produced by {@link #write} from a JSONL dataset and read by the trainer without re-tokenizing.
 * The manifest records the tokenizer hash (a run with another tokenizer is refused), the source
 * file, its good/bad/blank line counts and the shards.
 */
public final class ShardedDataset implements TokenDataset {
  public static final String MANIFEST = "manifest.json";
  private static final int ENCODE_BLOCK = 4096;
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private final Path dir;
  private final JsonObject manifest;
  private final List<TokenShard> shards = new ArrayList<>();
  private final int[] firstDocument; // cumulative document counts

  private ShardedDataset(Path dir, JsonObject manifest) throws IOException {
    this.dir = dir;
    this.manifest = manifest;
    JsonArray list = manifest.getAsJsonArray("shards");
    firstDocument = new int[list.size() + 1];
    for (int i = 0; i < list.size(); i++) {
      TokenShard s = TokenShard.open(dir.resolve(list.get(i).getAsJsonObject().get("file").getAsString()));
      shards.add(s);
      firstDocument[i + 1] = firstDocument[i] + s.documents();
    }
  }

  /** Whether {@code path} is a sharded dataset directory. */
  public static boolean isShardDirectory(Path path) {
    return Files.isDirectory(path) && Files.isRegularFile(path.resolve(MANIFEST));
  }

  /**
   * Opens a sharded dataset, refusing one made with another tokenizer.
   *
   * @param tokenizerSha256 hash of the tokenizer the caller will train with
   */
  public static ShardedDataset open(Path dir, String tokenizerSha256) throws IOException {
    Path file = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      throw new ShardFormatException(dir + " is not a sharded dataset: no " + MANIFEST);
    }
    JsonObject manifest = StrictJson.parse(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    String sha = manifest.get("tokenizer_sha256").getAsString();
    if (!sha.equals(tokenizerSha256)) {
      throw new ShardFormatException(dir + " was tokenized with tokenizer " + sha.substring(0, 12)
          + "…, not the one of this run (" + tokenizerSha256.substring(0, 12) + "…); re-tokenize it");
    }
    return new ShardedDataset(dir, manifest);
  }

  /** What {@link #write} produced, as recorded in the manifest. */
  public record Summary(long documents, long tokens, int shards, long goodLines, long badLines,
      long blankLines) {
    static Summary of(JsonObject m) {
      return new Summary(m.get("documents").getAsLong(), m.get("tokens").getAsLong(),
          m.getAsJsonArray("shards").size(), m.get("good_lines").getAsLong(),
          m.get("bad_lines").getAsLong(), m.get("blank_lines").getAsLong());
    }
  }

  /** Receives how many samples of {@code total} are written so far (called from the writer). */
  @FunctionalInterface
  public interface Progress {
    void onProgress(long done, long total);

    Progress NONE = (done, total) -> {};
  }

  /** As {@link #write(JsonlDataset, String, String, int, Path, long, Progress)} without progress. */
  public static Summary write(JsonlDataset source, String kind, String tokenizerSha256,
      int vocabSize, Path outDir, long maxTokensPerShard) throws IOException {
    return write(source, kind, tokenizerSha256, vocabSize, outDir, maxTokensPerShard, Progress.NONE);
  }

  /**
   * Tokenizes {@code source} into shards of at most {@code maxTokensPerShard} tokens in {@code
   * outDir}: written in a temporary sibling directory, renamed into place when complete.
   */
  public static Summary write(JsonlDataset source, String kind, String tokenizerSha256,
      int vocabSize, Path outDir, long maxTokensPerShard, Progress progress) throws IOException {
    Path abs = outDir.toAbsolutePath();
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + UUID.randomUUID());
    Files.createDirectories(tmp);
    try {
      JsonObject manifest = writeShards(source, kind, tokenizerSha256, vocabSize, tmp, maxTokensPerShard, progress);
      AtomicFiles.write(tmp.resolve(MANIFEST), GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8));
      if (Files.exists(abs)) {
        throw new IOException(abs + " already exists; remove it or choose another output directory");
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
      return Summary.of(manifest);
    } finally {
      if (Files.exists(tmp)) {
        try (Stream<Path> s = Files.walk(tmp)) {
          for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  private static JsonObject writeShards(JsonlDataset source, String kind, String sha, int vocabSize,
      Path dir, long maxTokensPerShard, Progress progress) throws IOException {
    JsonlIndex index = source.index();
    JsonObject header = new JsonObject();
    header.addProperty("tokenizer_sha256", sha);
    header.addProperty("kind", kind);
    header.addProperty("source", index.path().getFileName().toString());
    JsonArray shardList = new JsonArray();
    long documents = 0;
    long tokens = 0;
    TokenShardWriter writer = null;
    try {
      // Encoding runs in parallel in ordered blocks; writing stays sequential, so shards are
      // identical whatever the thread count.
      for (int block = 0; block < source.size(); block += ENCODE_BLOCK) {
        int end = Math.min(block + ENCODE_BLOCK, source.size());
        List<TokenizedSample> encoded =
            java.util.stream.IntStream.range(block, end).parallel().mapToObj(source::get).toList();
        for (int j = 0; j < encoded.size(); j++) {
          int i = block + j;
          if (writer == null) {
            writer = new TokenShardWriter(dir.resolve(shardName(shardList.size())), header, vocabSize);
          }
          writer.add(encoded.get(j));
          if (writer.tokens() >= maxTokensPerShard || i == source.size() - 1) {
            writer.finish();
            JsonObject entry = new JsonObject();
            entry.addProperty("file", shardName(shardList.size()));
            entry.addProperty("documents", writer.documents());
            entry.addProperty("tokens", writer.tokens());
            shardList.add(entry);
            documents += writer.documents();
            tokens += writer.tokens();
            writer = null;
          }
        }
        progress.onProgress(end, source.size());
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    JsonObject m = new JsonObject();
    m.addProperty("format_version", TokenShard.VERSION);
    m.addProperty("kind", kind);
    m.addProperty("tokenizer_sha256", sha);
    m.addProperty("source", index.path().getFileName().toString());
    m.addProperty("source_bytes", Files.size(index.path()));
    m.addProperty("good_lines", index.goodLines());
    m.addProperty("bad_lines", index.badLines());
    m.addProperty("blank_lines", index.blankLines());
    m.addProperty("documents", documents);
    m.addProperty("tokens", tokens);
    m.add("shards", shardList);
    return m;
  }

  private static String shardName(int i) {
    return String.format("shard-%05d.mmtok", i);
  }

  /** What kind of samples the shards hold ("pretrain" or "sft"). */
  public String kind() {
    return manifest.get("kind").getAsString();
  }

  /** Identifies the dataset for resume checks: source name, size and line counts. */
  public String fingerprint() {
    return manifest.get("source").getAsString() + ":" + manifest.get("source_bytes").getAsLong() + "B:"
        + manifest.get("good_lines").getAsLong() + "good:" + manifest.get("bad_lines").getAsLong() + "bad";
  }

  @Override
  public int size() {
    return firstDocument[firstDocument.length - 1];
  }

  @Override
  public TokenizedSample get(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("sample " + index + " of " + size() + " in " + dir);
    }
    int s = Arrays.binarySearch(firstDocument, index);
    int shard = s >= 0 ? s : -s - 2;
    while (firstDocument[shard + 1] <= index) {
      shard++; // skip empty shards
    }
    return shards.get(shard).get(index - firstDocument[shard]);
  }

  @Override
  public String describe() {
    JsonElement bad = manifest.get("bad_lines");
    return manifest.get("kind").getAsString() + " shards " + dir + ": " + size() + " samples, "
        + manifest.get("tokens").getAsLong() + " tokens in " + shards.size() + " shard(s) (source "
        + manifest.get("source").getAsString() + ", " + bad.getAsLong() + " bad lines skipped)";
  }
}
