package io.minimind.core.tokenizer.bpe;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of one BPE training, as MiniMind's {@code train_tokenizer.py} passes them to HF's
 * {@code BpeTrainer}.
 *
 * @param vocabSize target vocabulary size, specials and the 256 byte symbols included (6400)
 * @param minFrequency merges of pairs seen fewer times stop the training (HF default 0)
 * @param specialTokens ids 0.. in this order; {@link #MINIMIND_SPECIALS} always come first
 */
public record BpeTrainerConfig(int vocabSize, long minFrequency, List<String> specialTokens) {
  /** {@code <|endoftext|>}=0, {@code <|im_start|>}=1, {@code <|im_end|>}=2. */
  public static final List<String> MINIMIND_SPECIALS =
      List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");

  public BpeTrainerConfig {
    specialTokens = List.copyOf(specialTokens);
    if (vocabSize < 1) {
      throw new IllegalArgumentException("vocab size must be > 0, got " + vocabSize);
    }
    if (minFrequency < 0) {
      throw new IllegalArgumentException("min frequency must be >= 0, got " + minFrequency);
    }
    for (String s : specialTokens) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("empty special token");
      }
    }
  }

  /** MiniMind's recipe plus {@code extraSpecials} (e.g. {@code <think>}), duplicates dropped. */
  public static BpeTrainerConfig minimind(int vocabSize, long minFrequency, List<String> extraSpecials) {
    List<String> all = new ArrayList<>(MINIMIND_SPECIALS);
    for (String s : extraSpecials) {
      if (!all.contains(s)) {
        all.add(s);
      }
    }
    return new BpeTrainerConfig(vocabSize, minFrequency, all);
  }
}
