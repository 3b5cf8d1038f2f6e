package io.minimind.contracts.spec;

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
  public ModelSpec {
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
  }
}
