package io.minimind.core.data;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Streams tokenized documents into one {@link TokenShard} file. Ids and masks go to temporary
 * files while documents arrive (only the per-document offsets stay in memory); {@link #finish}
 * assembles header, offsets, ids and mask into a temporary shard, syncs it and renames it into
 * place, so a shard on disk is always complete.
 */
public final class TokenShardWriter implements AutoCloseable {
  private final Path target;
  private final JsonObject header;
  private final int idBytes;
  private final Path idsTmp;
  private final Path maskTmp;
  private final DataOutputStream ids;
  private final OutputStream mask;
  private long[] offsets = new long[1024];
  private int documents;
  private long tokens;
  private boolean finished;

  /**
   * @param header fields to store (tokenizer_sha256, kind, source, …); counts are added on finish
   * @param vocabSize decides 2- or 4-byte ids
   */
  public TokenShardWriter(Path target, JsonObject header, int vocabSize) throws IOException {
    this.target = target.toAbsolutePath();
    this.header = header.deepCopy();
    this.idBytes = vocabSize <= 65536 ? 2 : 4;
    Files.createDirectories(this.target.getParent());
    String base = "." + this.target.getFileName() + "." + UUID.randomUUID();
    this.idsTmp = this.target.resolveSibling(base + ".ids");
    this.maskTmp = this.target.resolveSibling(base + ".mask");
    this.ids = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(idsTmp), 1 << 16));
    this.mask = new BufferedOutputStream(Files.newOutputStream(maskTmp), 1 << 16);
  }

  /** Appends one document. */
  public void add(TokenizedSample sample) throws IOException {
    int[] t = sample.ids();
    boolean[] m = sample.lossMask();
    for (int i = 0; i < t.length; i++) {
      if (idBytes == 2) {
        ids.writeShort(Short.reverseBytes((short) t[i]));
      } else {
        ids.writeInt(Integer.reverseBytes(t[i]));
      }
      mask.write(m[i] ? 1 : 0);
    }
    if (documents + 1 >= offsets.length) {
      offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
    }
    tokens += t.length;
    offsets[++documents] = tokens;
  }

  public long tokens() {
    return tokens;
  }

  public int documents() {
    return documents;
  }

  /** Writes the shard file atomically and deletes the temporaries. */
  public void finish() throws IOException {
    ids.close();
    mask.close();
    header.addProperty("documents", documents);
    header.addProperty("tokens", tokens);
    header.addProperty("id_bytes", idBytes);
    byte[] json = new Gson().toJson(header).getBytes(StandardCharsets.UTF_8);
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long offsetsAt = TokenShard.align8(16L + json.length);
      ByteBuffer head = ByteBuffer.allocate((int) offsetsAt).order(ByteOrder.LITTLE_ENDIAN);
      head.put(TokenShard.MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(TokenShard.VERSION)
          .putInt(json.length).put(json);
      head.position(0);
      writeFully(out, head);
      ByteBuffer offs = ByteBuffer.allocate(8 * (documents + 1)).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i <= documents; i++) {
        offs.putLong(offsets[i]);
      }
      offs.flip();
      writeFully(out, offs);
      append(out, idsTmp);
      append(out, maskTmp);
      out.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    } finally {
      Files.deleteIfExists(idsTmp);
      Files.deleteIfExists(maskTmp);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    finished = true;
  }

  private static void append(FileChannel out, Path part) throws IOException {
    try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
      long pos = 0;
      long size = in.size();
      while (pos < size) {
        pos += in.transferTo(pos, size - pos, out);
      }
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** Discards an unfinished shard (its temporaries). */
  @Override
  public void close() throws IOException {
    if (!finished) {
      ids.close();
      mask.close();
      Files.deleteIfExists(idsTmp);
      Files.deleteIfExists(maskTmp);
    }
  }
}
