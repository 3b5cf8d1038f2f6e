package io.minimind.core.rl;

/**
 * A prompt to roll out.
 *
 * @param index the prompt's position in its dataset (SPO's value tracker is keyed by it)
 * @param ids the rendered prompt's token ids, ending with the generation prompt
 * @param text the same prompt as text (for reward functions)
 */
public record RlPrompt(int index, int[] ids, String text) {
  public RlPrompt {
    if (ids == null || ids.length == 0) {
      throw new IllegalArgumentException("prompt " + index + " has no tokens");
    }
  }
}
