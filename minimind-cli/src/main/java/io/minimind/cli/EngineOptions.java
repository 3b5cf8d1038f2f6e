package io.minimind.cli;

import picocli.CommandLine.Option;

/** Options every command that touches the engine shares. */
final class EngineOptions {
  @Option(names = "--threads", description = "CPU threads for libtorch (default: all cores)")
  Integer threads;

  /** Must run before the DJL engine starts. */
  void apply() {
    if (threads != null) {
      if (threads < 1) {
        throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
      }
      System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
  }
}
