package io.minimind.core.train;

import java.util.Map;
import java.util.TreeMap;

/**
 * Identifies what a run trains, so a checkpoint of a different run is refused on resume.
 *
 * @param mode the algorithm ("pretrain", "sft", "dpo", "grpo", ...)
 * @param dataFingerprint dataset identity (see {@link io.minimind.core.checkpoint.TrainerState#dataFingerprint()})
 * @param tokenizerSha256 hash of the tokenizer
 * @param padId token id used for padding
 * @param settings the algorithm's own hyper-parameters (β, ε, group size...) that must not change
 *     across a resume, as strings; sorted so they compare and print stably
 */
public record RunIdentity(
    String mode, String dataFingerprint, String tokenizerSha256, int padId, Map<String, String> settings) {

  public RunIdentity {
    settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
  }

  /** An identity without algorithm settings (pretraining and SFT). */
  public RunIdentity(String mode, String dataFingerprint, String tokenizerSha256, int padId) {
    this(mode, dataFingerprint, tokenizerSha256, padId, Map.of());
  }
}
