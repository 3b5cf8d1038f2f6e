package io.minimind.core.export;

/**
 * Reorders the rows of the q and k projections from Hugging Face's rotary layout to llama.cpp's.
 *
 * <p>Why: MiniMind (like HF Llama) applies RoPE with {@code rotate_half}, pairing dimension i of a
 * head with dimension i + D/2. llama.cpp's {@code llama} architecture uses the original "normal"
 * RoPE that pairs adjacent dimensions (2i, 2i+1). Moving output row {@code h·D + s·D/2 + i} to
 * {@code h·D + 2i + s} (s ∈ {0, 1}) makes adjacent pairs of the permuted projection the rotated
 * pairs of the original. Attention scores are dot products over a whole head, so this consistent
 * reordering of q and k leaves them unchanged. It is exactly what llama.cpp's {@code
 * convert_hf_to_gguf.py} {@code LlamaModel.permute} does: view the weight as (heads, 2, D/2, cols)
 * and swap axes 1 and 2. k uses the number of key/value heads.
 *
 * <p>Weight shape: (heads · D, cols), row-major.
 */
public final class QkPermutation {
  private QkPermutation() {}

  /** HF (rotate-half) row order → llama.cpp (interleaved) row order. */
  public static float[] permute(float[] w, int heads, int cols) {
    return reorder(w, heads, cols, true);
  }

  /** The inverse of {@link #permute}: llama.cpp row order → HF row order. */
  public static float[] unpermute(float[] w, int heads, int cols) {
    return reorder(w, heads, cols, false);
  }

  private static float[] reorder(float[] w, int heads, int cols, boolean forward) {
    if (heads <= 0 || cols <= 0 || w.length % ((long) heads * cols) != 0) {
      throw new IllegalArgumentException(
          "weight of " + w.length + " values is not (heads=" + heads + " · D, cols=" + cols + ")");
    }
    int headDim = w.length / heads / cols;
    if (headDim % 2 != 0) {
      throw new IllegalArgumentException("head dim " + headDim + " must be even for RoPE");
    }
    int half = headDim / 2;
    float[] out = new float[w.length];
    for (int h = 0; h < heads; h++) {
      for (int s = 0; s < 2; s++) {
        for (int i = 0; i < half; i++) {
          int hf = h * headDim + s * half + i; // row in rotate-half order
          int gg = h * headDim + 2 * i + s; // row in interleaved order
          int from = forward ? hf : gg;
          int to = forward ? gg : hf;
          System.arraycopy(w, from * cols, out, to * cols, cols);
        }
      }
    }
    return out;
  }
}
