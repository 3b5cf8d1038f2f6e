package io.minimind.tokenizer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the tokenizer service ({@code minimind.tokenizer.*}). */
@ConfigMapping(prefix = "minimind.tokenizer")
public interface TokenizerSettings {
  /** Directory that every dataset path and output path in a request is resolved under. */
  @WithDefault("data")
  String dataRoot();

  /** Largest text accepted by /v1/tokenize and /v1/chat/render, in UTF-8 bytes. */
  @WithDefault("1048576")
  int maxTextBytes();

  /** Largest id list accepted by /v1/detokenize. */
  @WithDefault("262144")
  int maxIds();

  /** How often a running stage job sends a heartbeat to the orchestrator. */
  @WithDefault("5s")
  java.time.Duration heartbeatInterval();
}
