package io.minimind.core.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-row state of a batched decode: left-padded prompts, the attention mask over the sequence so
 * far, each row's tokens, sampler and finish reason. Plain arrays, allocated once per request.
 */
final class DecodeBatch {
  final int rows;
  final int longest;
  final int maxLen;
  final boolean padded;
  private final List<int[]> prompts;
  private final GenerationConfig cfg;
  private final long[] mask; // (B, maxLen): 1 real, 0 pad
  private final int[][] history; // prompt + generated, for the repetition penalty
  private final int[] historyLen;
  private final int[][] generated;
  private final int[] generatedLen;
  private final Rng[] rngs;
  private final FinishReason[] reasons;
  private int seqLen;

  DecodeBatch(List<int[]> prompts, GenerationConfig cfg) {
    this.prompts = prompts;
    this.cfg = cfg;
    this.rows = prompts.size();
    this.longest = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
    this.padded = prompts.stream().anyMatch(p -> p.length != longest);
    this.maxLen = longest + cfg.maxNewTokens();
    this.mask = new long[rows * maxLen];
    this.history = new int[rows][];
    this.historyLen = new int[rows];
    this.generated = new int[rows][cfg.maxNewTokens()];
    this.generatedLen = new int[rows];
    this.rngs = new Rng[rows];
    this.reasons = new FinishReason[rows];
    for (int r = 0; r < rows; r++) {
      int[] p = prompts.get(r);
      history[r] = Arrays.copyOf(p, p.length + cfg.maxNewTokens());
      historyLen[r] = p.length;
      rngs[r] = new Rng(cfg.seed() + r);
      int pad = longest - p.length;
      Arrays.fill(mask, r * maxLen + pad, r * maxLen + longest, 1);
    }
    this.seqLen = longest;
  }

  /** The prompts left-padded to (B, longest) with id 0. */
  long[] promptIds() {
    long[] ids = new long[rows * longest];
    for (int r = 0; r < rows; r++) {
      int[] p = prompts.get(r);
      int pad = longest - p.length;
      for (int i = 0; i < p.length; i++) {
        ids[r * longest + pad + i] = p[i];
      }
    }
    return ids;
  }

  /** Sequence length so far (padding included). */
  int seqLen() {
    return seqLen;
  }

  /** The mask over the current sequence, (B, seqLen) row-major; null when nothing is padded. */
  long[] currentMask() {
    if (!padded) {
      return null;
    }
    long[] visible = new long[rows * seqLen];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(mask, r * maxLen, visible, r * seqLen, seqLen);
    }
    return visible;
  }

  /**
   * Samples the next token of every unfinished row from the last-position logits (B·V) and
   * records it; finished rows are fed id 0, which nobody reads.
   *
   * @return the next input ids (B), or null when every row has finished
   */
  long[] sampleNext(float[] logits, int vocab, Sampler sampler, TokenSink sink, int context) {
    long[] next = new long[rows];
    boolean anyActive = false;
    for (int r = 0; r < rows; r++) {
      if (reasons[r] != null) {
        continue;
      }
      float[] row = Arrays.copyOfRange(logits, r * vocab, (r + 1) * vocab);
      int token = sampler.sample(row, history[r], historyLen[r], cfg, rngs[r]);
      next[r] = token;
      history[r][historyLen[r]++] = token;
      generated[r][generatedLen[r]++] = token;
      reasons[r] = finishReason(token, generatedLen[r], seqLen + 1, context, sink, r);
      anyActive |= reasons[r] == null;
    }
    if (!anyActive) {
      return null;
    }
    for (int r = 0; r < rows; r++) {
      mask[r * maxLen + seqLen] = 1;
    }
    seqLen++;
    return next;
  }

  private FinishReason finishReason(int token, int produced, int length, int context, TokenSink sink, int row) {
    boolean keepGoing = sink == null || sink.accept(row, token);
    if (cfg.isStop(token)) {
      return FinishReason.STOP;
    }
    if (!keepGoing) {
      return FinishReason.CANCELLED;
    }
    if (produced >= cfg.maxNewTokens()) {
      return FinishReason.LENGTH;
    }
    if (length >= context) {
      return FinishReason.CONTEXT;
    }
    return null;
  }

  List<GenerationResult> results() {
    List<GenerationResult> out = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      FinishReason reason = reasons[r] == null ? FinishReason.LENGTH : reasons[r];
      out.add(new GenerationResult(Arrays.copyOf(generated[r], generatedLen[r]),
          prompts.get(r).length, reason));
    }
    return out;
  }
}
