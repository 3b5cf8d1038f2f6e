package io.minimind.inference.model;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Typed inference-service settings ({@code minimind.inference.*}); each key documented once, here. */
@ConfigMapping(prefix = "minimind.inference")
public interface InferenceSettings {
  /**
   * Models to serve: name → model directory (config.json, model.safetensors, tokenizer files),
   * e.g. {@code minimind.inference.models.minimind2=/models/minimind2}. Readiness is DOWN while
   * none is loaded.
   */
  Map<String, String> models();

  /** Threads doing the arithmetic per model (0: all available processors). */
  @WithDefault("0")
  int threads();

  /** Sequences decoded together at most (continuous batching). */
  @WithDefault("16")
  int maxBatch();

  /** Requests waiting for a place at most; more are refused with 429. */
  @WithDefault("256")
  int maxQueued();

  /** KV-cache positions reserved by running requests at most (each reserves prompt + max tokens). */
  @WithDefault("32768")
  long kvTokenBudget();

  /** Prompt tokens one request prefills per step at most. */
  @WithDefault("128")
  int prefillChunk();

  /** Prompt tokens of all requests per step at most, so long prompts do not stall streams. */
  @WithDefault("256")
  int prefillTokensPerStep();

  /** A request still generating after this long fails. */
  @WithDefault("5m")
  Duration requestTimeout();

  /** When set, {@code /v1} requests need {@code Authorization: Bearer <key>}. */
  Optional<String> apiKey();
}
