package io.minimind.core.rl;

import java.util.List;

/** The prompts of a run, by index. */
public interface PromptSource {
  int size();

  /** Prompt {@code i} (0-based), its {@link RlPrompt#index()} equal to {@code i}. */
  RlPrompt get(int i);

  /** Prompts held in memory. */
  static PromptSource of(List<RlPrompt> prompts) {
    return new PromptSource() {
      @Override
      public int size() {
        return prompts.size();
      }

      @Override
      public RlPrompt get(int i) {
        return prompts.get(i);
      }
    };
  }
}
