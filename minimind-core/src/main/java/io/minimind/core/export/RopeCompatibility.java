package io.minimind.core.export;

import io.minimind.core.model.MiniMindConfig;

/**
 * Decides whether a model's RoPE can be expressed in another runtime's config.
 *
 * <p>Plain RoPE (base θ, rotate-half pairing) is the same in MiniMind, HF Llama and llama.cpp
 * (after {@link QkPermutation}). YaRN is not: this project's MiniMind YaRN ({@link
 * io.minimind.core.nn.RopeFrequencies}) scales frequency i by (β_i·s − β_i + 1)/(β_i·s) with a
 * per-dimension β_i ramp from β_slow to β_fast below the first dimension whose wavelength exceeds
 * the original context, and by 1/s above it, with no attention temperature. HF Llama's {@code
 * rope_type: yarn} ({@code _compute_yarn_parameters}) and llama.cpp's YaRN instead blend
 * interpolated (f/s) and original frequencies with a linear ramp between the correction
 * dimensions of β_fast and β_slow, and by default multiply cos/sin by 0.1·ln(s) + 1. The
 * frequencies differ, so such an export would silently be a different model: it is refused.
 *
 * <p>MiniMind's YaRN only takes effect when max_position_embeddings exceeds
 * original_max_position_embeddings (the table is then longer than the trained context); otherwise
 * the model runs plain RoPE and exports as such.
 */
public final class RopeCompatibility {
  private RopeCompatibility() {}

  /** True when the model's RoPE frequencies are actually YaRN-scaled. */
  public static boolean yarnActive(MiniMindConfig c) {
    return c.ropeScaling() != null
        && c.maxPositionEmbeddings() > c.ropeScaling().originalMaxPositionEmbeddings();
  }

  /** Throws when the model uses YaRN, which {@code target} cannot express. */
  public static void requirePlainRope(MiniMindConfig c, String target) {
    if (yarnActive(c)) {
      throw new UnsupportedExportException("the model uses MiniMind's YaRN rope scaling (factor "
          + c.ropeScaling().factor() + ", max_position_embeddings " + c.maxPositionEmbeddings()
          + " > original " + c.ropeScaling().originalMaxPositionEmbeddings() + "), whose "
          + "frequencies differ from " + target + "'s yarn; exporting it would change the model. "
          + "Set max_position_embeddings <= original_max_position_embeddings (plain RoPE) or "
          + "drop rope_scaling before exporting");
    }
  }
}
