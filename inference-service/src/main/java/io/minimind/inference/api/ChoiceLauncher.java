package io.minimind.inference.api;

import io.minimind.core.serving.ContinuousBatcher;
import io.minimind.core.serving.SamplingParams;
import io.minimind.inference.chat.ChoiceAssembler;
import io.minimind.inference.chat.ChoiceRun;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Submits a request's n choices to the batcher, the same way for both APIs: all of them, or, when
 * one is refused (queue full, too long), none — the ones already queued are cancelled, so a 429
 * or 400 leaves nothing generating for a client that got an error.
 */
final class ChoiceLauncher {
  private ChoiceLauncher() {}

  /**
   * @param params choice i's sampling (the caller gives choice i the seed + i)
   * @param assembler choice i's own assembler (they hold per-choice state)
   * @param stream where streamed parts go, or null for a whole response (parts are collected)
   */
  static List<ChoiceRun> submit(ContinuousBatcher batcher, int[] prompt, int n,
      IntFunction<SamplingParams> params, IntFunction<ChoiceAssembler> assembler, ChatStream.PartSink stream) {
    List<ChoiceRun> runs = new ArrayList<>();
    List<ContinuousBatcher.Handle> handles = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        int index = i;
        ChoiceRun run = new ChoiceRun(assembler.apply(i),
            stream == null ? delta -> { } : delta -> stream.accept(index, delta), stream == null);
        ContinuousBatcher.Handle handle = batcher.submit(prompt, params.apply(i), run);
        run.handle(handle);
        handles.add(handle);
        runs.add(run);
      }
    } catch (RuntimeException e) {
      handles.forEach(ContinuousBatcher.Handle::cancel);
      throw e;
    }
    return runs;
  }
}
