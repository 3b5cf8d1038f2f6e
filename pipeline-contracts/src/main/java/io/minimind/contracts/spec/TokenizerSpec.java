package io.minimind.contracts.spec;

/**
 * Which tokenizer the pipeline uses.
 *
 * @param source {@code minimind} (MiniMind's bundled tokenizer, the default), {@code path} (an
 *     existing tokenizer directory) or {@code stage} (the output of a {@code tokenizer-train} stage)
 * @param path the tokenizer directory relative to the artifact root, when {@code source} is path
 * @param stage the id of the {@code tokenizer-train} stage, when {@code source} is stage
 */
public record TokenizerSpec(String source, String path, String stage) {
  public static final String MINIMIND = "minimind";
  public static final String PATH = "path";
  public static final String STAGE = "stage";

  /** MiniMind's bundled tokenizer. */
  public static TokenizerSpec minimind() {
    return new TokenizerSpec(MINIMIND, null, null);
  }
}
