package io.minimind.core.data;

import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.util.Arrays;

/**
 * MiniMind's pretraining sample: {@code [bos] + encode(text)[:maxSeqLen-2] + [eos]}, so at most
 * {@code maxSeqLen} tokens with the EOS always kept. Every token is a target except the first: the
 * BOS cannot be predicted (nothing precedes it). Equivalent to MiniMind's labels = input_ids with
 * the model shifting by one; padding is the batcher's job.
 */
public final class PretrainEncoder {
  private final MiniMindTokenizer tokenizer;
  private final int maxSeqLen;

  public PretrainEncoder(MiniMindTokenizer tokenizer, int maxSeqLen) {
    if (maxSeqLen < 2) {
      throw new IllegalArgumentException("maxSeqLen must be >= 2 (bos + eos), got " + maxSeqLen);
    }
    this.tokenizer = tokenizer;
    this.maxSeqLen = maxSeqLen;
  }

  public TokenizedSample encode(String text) {
    int[] body = tokenizer.encode(text);
    int n = Math.min(body.length, maxSeqLen - 2);
    int[] ids = new int[n + 2];
    ids[0] = tokenizer.bosId();
    System.arraycopy(body, 0, ids, 1, n);
    ids[n + 1] = tokenizer.eosId();
    boolean[] mask = new boolean[ids.length];
    Arrays.fill(mask, 1, mask.length, true);
    return new TokenizedSample(ids, mask);
  }

  public int maxSeqLen() {
    return maxSeqLen;
  }
}
