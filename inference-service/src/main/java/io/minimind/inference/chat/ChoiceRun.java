package io.minimind.inference.chat;

import io.minimind.core.sampling.FinishReason;
import io.minimind.core.serving.ContinuousBatcher;
import io.minimind.core.serving.GenerationListener;
import io.minimind.core.serving.TokenChoice;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One choice of a chat completion as the batcher sees it: tokens go through a
 * {@link ChoiceAssembler}; parts are handed to {@code sink} as they complete (streaming) and the
 * outcome completes {@link #done}. A stop string ends generation here (the batcher is told to
 * stop, and the finish reason is {@code stop}).
 */
public final class ChoiceRun implements GenerationListener {
  /** How a choice ended, in OpenAI's words, with the token counts. */
  public record Outcome(String finishReason, int promptTokens, int completionTokens) {}

  /**
   * What one step adds to a stream: new parts, and the log-probabilities (when requested) of the
   * tokens generated since the last delta. Every token's entry is in exactly one delta, so a
   * stream's entries add up to a whole response's.
   */
  public record Delta(List<ReplyParser.Part> parts, List<TokenChoice> logprobs) {}

  private final ChoiceAssembler assembler;
  private final Consumer<Delta> sink;
  private final CompletableFuture<Outcome> done = new CompletableFuture<>();
  private final List<ReplyParser.Part> collected = new java.util.ArrayList<>();
  private final boolean collect;
  private volatile boolean clientGone;
  private volatile ContinuousBatcher.Handle handle;
  private final long startedNanos = System.nanoTime();
  private volatile long firstTokenNanos;

  /** @param collect keep every part for a whole (non-streamed) response */
  public ChoiceRun(ChoiceAssembler assembler, Consumer<Delta> sink, boolean collect) {
    this.assembler = assembler;
    this.sink = sink;
    this.collect = collect;
  }

  /** Every part, in order (when collecting); read after {@link #done} completed. */
  public synchronized List<ReplyParser.Part> collected() {
    return List.copyOf(collected);
  }

  /** Hands new parts and logprobs on; {@code last}: also logprobs that no part comes after. */
  private synchronized void deliver(List<ReplyParser.Part> parts, boolean last) {
    if (parts.isEmpty() && !last) {
      return; // their logprobs go with the next part
    }
    if (collect) {
      collected.addAll(parts);
    }
    List<TokenChoice> logprobs = assembler.takeNewLogprobs();
    if (!parts.isEmpty() || !logprobs.isEmpty()) {
      sink.accept(new Delta(parts, logprobs));
    }
  }

  public CompletableFuture<Outcome> done() {
    return done;
  }

  public ChoiceAssembler assembler() {
    return assembler;
  }

  /**
   * The batcher's handle of this choice, so that {@link #clientGone} also stops it while its
   * prompt is queued or prefilled (no token comes then to refuse).
   */
  public void handle(ContinuousBatcher.Handle submitted) {
    this.handle = submitted;
    if (clientGone) {
      submitted.cancel(); // the client left between submit and now
    }
  }

  /** The client went away: the batcher drops this choice at its next step (any thread). */
  public void clientGone() {
    clientGone = true;
    ContinuousBatcher.Handle h = handle;
    if (h != null) {
      h.cancel();
    }
  }

  /** Nanoseconds from submission to the first generated token, or -1 if none came. */
  public long timeToFirstTokenNanos() {
    return firstTokenNanos == 0 ? -1 : firstTokenNanos - startedNanos;
  }

  public long startedNanos() {
    return startedNanos;
  }

  @Override
  public boolean onToken(TokenChoice token) {
    if (firstTokenNanos == 0) {
      firstTokenNanos = System.nanoTime();
    }
    deliver(assembler.accept(token), false);
    return !clientGone && !assembler.complete();
  }

  @Override
  public void onFinish(FinishReason reason, int promptTokens, int completionTokens) {
    deliver(assembler.finish(), true);
    String finish;
    if (assembler.sawToolCall()) {
      finish = "tool_calls";
    } else if (reason == FinishReason.LENGTH || reason == FinishReason.CONTEXT) {
      finish = "length";
    } else {
      finish = "stop"; // stop id, stop string (or a client that left and will not read this)
    }
    done.complete(new Outcome(finish, promptTokens, completionTokens));
  }

  @Override
  public void onError(Throwable error) {
    done.completeExceptionally(error);
  }
}
