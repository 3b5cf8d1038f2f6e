package io.minimind.contracts.spec;

import java.util.List;
import java.util.Map;

/**
 * The model a pipeline's first model-producing stage starts from.
 *
 * @param preset a minimind-core preset name ({@code tiny}, {@code minimind2-small},
 *     {@code minimind2}, {@code minimind2-moe}) for a fresh model; null when {@code base} is set
 * @param overrides config.json keys overriding the preset (e.g. {@code hidden_size: 64}); empty
 *     when none
 * @param base a model directory (config.json + model.safetensors), relative to the artifact root,
 *     to start from instead of a fresh model; null when {@code preset} is set
 */
public record ModelSpec(String preset, Map<String, Object> overrides, String base) {
  /** The minimind-core presets a spec may name (smallest first). */
  public static final List<String> PRESETS =
      List.of("tiny", "minimind2-small", "minimind2", "minimind2-moe");

  /** config.json keys as minimind-core's ConfigBuilder names them ({@code rope_scaling.factor}). */
  public static final String OVERRIDE_KEY_PATTERN = "^[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*$";

  public ModelSpec {
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
  }
}
