package io.minimind.core.lora;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A projection kind LoRA can adapt, named as the pipeline contract's {@code targets} list names it
 * ({@code q, k, v, o, gate, up, down}). Each target adapts that projection in every layer; for MoE
 * models the MLP targets adapt every routed and shared expert.
 */
public enum LoraTarget {
  Q("q_proj"),
  K("k_proj"),
  V("v_proj"),
  O("o_proj"),
  GATE("gate_proj"),
  UP("up_proj"),
  DOWN("down_proj");

  private final String projection;

  LoraTarget(String projection) {
    this.projection = projection;
  }

  /** The contract's name: q, k, v, o, gate, up or down. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The module name in MiniMind's state dict, e.g. {@code q_proj}. */
  public String projection() {
    return projection;
  }

  /** Whether {@code weightName} (a state-dict name ending in {@code .weight}) is this projection. */
  boolean matches(String weightName) {
    return weightName.endsWith("." + projection + ".weight");
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static LoraTarget parse(String id) {
    for (LoraTarget t : values()) {
      if (t.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown LoRA target '" + id + "'; targets are "
        + Arrays.stream(values()).map(LoraTarget::id).collect(Collectors.joining(", ")));
  }
}
