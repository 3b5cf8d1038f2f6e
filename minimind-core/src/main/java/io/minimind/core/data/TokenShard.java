package io.minimind.core.data;

import com.google.gson.JsonObject;
import io.minimind.core.io.StrictJson;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One memory-mapped token shard: tokenized documents with their loss masks.
 *
 * <p>Layout (little endian), written by {@link TokenShardWriter}:
 *
 * <pre>
 *   magic    8 bytes  "MMTOKSH1"
 *   version  u32      {@link #VERSION}
 *   hlen     u32      length of the header JSON
 *   header   hlen bytes UTF-8 JSON: tokenizer_sha256, kind, documents, tokens, id_bytes, …
 *   padding  to a multiple of 8
 *   offsets  u64 × (documents + 1)   token offset of each document; the last is the total
 *   ids      u16 or u32 × tokens     (id_bytes 2 when the vocabulary fits 65536)
 *   mask     u8 × tokens             1 where the token is a loss target
 * </pre>
 *
 * Document boundaries are the offsets; nothing is parsed per access, a sample is two slices.
 */
public final class TokenShard {
  public static final String MAGIC = "MMTOKSH1";
  public static final int VERSION = 1;

  private final Path path;
  private final JsonObject header;
  private final MappedByteBuffer map;
  private final int documents;
  private final long tokens;
  private final int idBytes;
  private final long offsetsAt;
  private final long idsAt;
  private final long maskAt;

  private TokenShard(Path path, JsonObject header, MappedByteBuffer map, long offsetsAt) {
    this.path = path;
    this.header = header;
    this.map = map;
    this.documents = header.get("documents").getAsInt();
    this.tokens = header.get("tokens").getAsLong();
    this.idBytes = header.get("id_bytes").getAsInt();
    this.offsetsAt = offsetsAt;
    this.idsAt = offsetsAt + 8L * (documents + 1);
    this.maskAt = idsAt + (long) idBytes * tokens;
  }

  /** Maps a shard file, checking magic, version and that the file is as long as its header says. */
  public static TokenShard open(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE) {
        throw new ShardFormatException(file + ": shards are limited to 2 GiB; write smaller shards");
      }
      MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      map.order(ByteOrder.LITTLE_ENDIAN);
      byte[] magic = new byte[8];
      if (size < 16) {
        throw new ShardFormatException(file + ": not a token shard (too short)");
      }
      map.get(0, magic);
      if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
        throw new ShardFormatException(file + ": not a token shard (bad magic)");
      }
      int version = map.getInt(8);
      if (version != VERSION) {
        throw new ShardFormatException(file + ": shard format version " + version + ", this build reads " + VERSION);
      }
      int hlen = map.getInt(12);
      if (hlen < 2 || 16L + hlen > size) {
        throw new ShardFormatException(file + ": header length " + hlen + " does not fit the file");
      }
      byte[] json = new byte[hlen];
      map.get(16, json);
      JsonObject header = StrictJson.parse(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
      long offsetsAt = align8(16L + hlen);
      TokenShard shard = new TokenShard(file, header, map, offsetsAt);
      if (shard.maskAt + shard.tokens != size) {
        throw new ShardFormatException(file + ": truncated or padded: expected "
            + (shard.maskAt + shard.tokens) + " bytes, found " + size);
      }
      return shard;
    }
  }

  static long align8(long n) {
    return (n + 7) & ~7L;
  }

  public Path path() {
    return path;
  }

  /** The header fields (tokenizer hash, kind, counts, source). */
  public JsonObject header() {
    return header.deepCopy();
  }

  public int documents() {
    return documents;
  }

  public long tokens() {
    return tokens;
  }

  /** Document {@code i} as ids and loss mask. */
  public TokenizedSample get(int i) {
    if (i < 0 || i >= documents) {
      throw new IndexOutOfBoundsException("document " + i + " of " + documents + " in " + path);
    }
    long start = map.getLong((int) (offsetsAt + 8L * i));
    long end = map.getLong((int) (offsetsAt + 8L * (i + 1)));
    int n = (int) (end - start);
    int[] ids = new int[n];
    boolean[] mask = new boolean[n];
    for (int t = 0; t < n; t++) {
      long at = start + t;
      ids[t] = idBytes == 2
          ? Short.toUnsignedInt(map.getShort((int) (idsAt + 2 * at)))
          : map.getInt((int) (idsAt + 4 * at));
      mask[t] = map.get((int) (maskAt + at)) != 0;
    }
    return new TokenizedSample(ids, mask);
  }
}
