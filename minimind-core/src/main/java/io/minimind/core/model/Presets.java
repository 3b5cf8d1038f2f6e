package io.minimind.core.model;

import java.util.List;
import java.util.Locale;

/** Named model shapes. Any field can be overridden afterwards through {@link ConfigBuilder}. */
public final class Presets {
  /** Names accepted by {@link #builder(String)}. */
  public static final List<String> NAMES =
      List.of("tiny", "minimind2-small", "minimind2", "minimind2-moe");

  private Presets() {}

  public static MiniMindConfig get(String name) {
    return builder(name).build();
  }

  /** A builder pre-filled with the preset, ready for overrides. */
  public static ConfigBuilder builder(String name) {
    ConfigBuilder b = new ConfigBuilder();
    switch (name.toLowerCase(Locale.ROOT)) {
      case "tiny" -> { // ~1.6M parameters: tests and the quickstart
        b.hiddenSize = 128;
        b.numHiddenLayers = 4;
        b.numAttentionHeads = 4;
        b.numKeyValueHeads = 2;
        b.maxPositionEmbeddings = 2048;
      }
      case "minimind2-small" -> { // ~26M
        b.hiddenSize = 512;
        b.numHiddenLayers = 8;
      }
      case "minimind2" -> { // ~104M
        b.hiddenSize = 768;
        b.numHiddenLayers = 16;
      }
      case "minimind2-moe" -> { // ~145M
        b.hiddenSize = 640;
        b.numHiddenLayers = 8;
        b.useMoe = true;
      }
      default ->
          throw new IllegalArgumentException(
              "unknown preset '" + name + "'; known presets: " + String.join(", ", NAMES));
    }
    return b;
  }
}
