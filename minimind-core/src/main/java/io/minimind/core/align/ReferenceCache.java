package io.minimind.core.align;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.minimind.core.data.TokenDataset;
import io.minimind.core.data.TokenizedSample;
import io.minimind.core.io.AtomicFiles;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.train.Batch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference log-probabilities of every response, computed once before training and kept in
 * the run directory: the frozen reference never changes, so each step then needs only the
 * policy's forward pass, and the reference model can be freed. A resumed run finds the file and
 * reuses it when its key (dataset, reference weights, tokenizer, max sequence length) matches;
 * otherwise it is computed again.
 *
 * <p>File layout (little-endian): the 8 bytes {@code MMREFLP1}, the key's UTF-8 length (int32) and
 * bytes, the number of values N (int32), then N float32 values: value 2i is pair i's chosen
 * response, 2i+1 its rejected one.
 *
 * <p>Values may differ from per-batch ones in the last float bits (other padding, other matmul
 * shapes), so a run records which of the two it uses in its identity.
 */
public final class ReferenceCache {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceCache.class);
  private static final byte[] MAGIC = "MMREFLP1".getBytes(StandardCharsets.US_ASCII);

  private ReferenceCache() {}

  /**
   * Reads {@code file} when its key matches, else computes every value with {@code reference}
   * (batches of {@code batchPairs} pairs in dataset order) and writes it atomically.
   *
   * @param data chosen/rejected samples, interleaved
   * @param key identifies what the values depend on
   */
  public static ReferenceLogProbs load(Path file, String key, MiniMindModel reference,
      TokenDataset data, int batchPairs, int padId, NDManager manager) throws IOException {
    float[] values = Files.isRegularFile(file) ? read(file, key, data.size()) : null;
    if (values == null) {
      LOG.info("computing reference log-probs of {} responses into {}", data.size(), file);
      values = compute(reference, data, batchPairs, padId, manager);
      write(file, key, values);
    } else {
      LOG.info("reusing reference log-probs from {}", file);
    }
    return lookup(values);
  }

  /** Serves the stored values: rows [0, P) the pairs' chosen responses, [P, 2P) the rejected. */
  static ReferenceLogProbs lookup(float[] values) {
    return (pairs, batch, scope) -> {
      float[] out = new float[2 * pairs.length];
      for (int i = 0; i < pairs.length; i++) {
        out[i] = values[2 * pairs[i]];
        out[pairs.length + i] = values[2 * pairs[i] + 1];
      }
      return scope.create(out); // (2P)
    };
  }

  static float[] compute(MiniMindModel reference, TokenDataset data, int batchPairs, int padId,
      NDManager manager) {
    ReferenceLogProbs forward = ReferenceLogProbs.onTheFly(reference);
    int pairs = data.size() / 2;
    float[] values = new float[data.size()];
    for (int first = 0; first < pairs; first += batchPairs) {
      int n = Math.min(batchPairs, pairs - first);
      List<TokenizedSample> rows = new ArrayList<>(2 * n);
      for (int i = 0; i < n; i++) {
        rows.add(data.get(2 * (first + i)));
      }
      for (int i = 0; i < n; i++) {
        rows.add(data.get(2 * (first + i) + 1));
      }
      try (NDManager scope = manager.newSubManager()) {
        NDArray lp = forward.logProbs(null, Batch.of(rows, padId), scope); // (2n)
        float[] v = lp.toFloatArray();
        for (int i = 0; i < n; i++) {
          values[2 * (first + i)] = v[i];
          values[2 * (first + i) + 1] = v[n + i];
        }
      }
    }
    return values;
  }

  /** The stored values, or null when the file belongs to another key or size. */
  static float[] read(Path file, String key, int expected) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[MAGIC.length];
    if (b.remaining() < MAGIC.length + 4) {
      return null;
    }
    b.get(magic);
    int keyLength = b.getInt();
    if (!Arrays.equals(magic, MAGIC) || keyLength < 0 || keyLength > b.remaining() - 4) {
      LOG.warn("{} is not a reference log-prob file; computing it again", file);
      return null;
    }
    byte[] stored = new byte[keyLength];
    b.get(stored);
    int n = b.getInt();
    if (!key.equals(new String(stored, StandardCharsets.UTF_8)) || n != expected
        || b.remaining() != 4L * n) {
      LOG.info("{} was computed for another run ({}); computing it again", file,
          new String(stored, StandardCharsets.UTF_8));
      return null;
    }
    float[] values = new float[n];
    b.asFloatBuffer().get(values);
    return values;
  }

  static void write(Path file, String key, float[] values) throws IOException {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 8 + k.length + 4 * values.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putInt(k.length).put(k).putInt(values.length);
    b.asFloatBuffer().put(values);
    AtomicFiles.write(file, b.array());
  }
}
