package io.minimind.inference.chat;

import io.minimind.core.sampling.FinishReason;
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

  private final ChoiceAssembler assembler;
  private final Consumer<List<ReplyParser.Part>> sink;
  private final CompletableFuture<Outcome> done = new CompletableFuture<>();
  private final List<ReplyParser.Part> collected = new java.util.ArrayList<>();
  private final boolean collect;
  private volatile boolean clientGone;
  private final long startedNanos = System.nanoTime();
  private volatile long firstTokenNanos;

  /** @param collect keep every part for a whole (non-streamed) response */
  public ChoiceRun(ChoiceAssembler assembler, Consumer<List<ReplyParser.Part>> sink, boolean collect) {
    this.assembler = assembler;
    this.sink = sink;
    this.collect = collect;
  }

  /** Every part, in order (when collecting); read after {@link #done} completed. */
  public synchronized List<ReplyParser.Part> collected() {
    return List.copyOf(collected);
  }

  private synchronized void deliver(List<ReplyParser.Part> parts) {
    if (collect) {
      collected.addAll(parts);
    }
    sink.accept(parts);
  }

  public CompletableFuture<Outcome> done() {
    return done;
  }

  public ChoiceAssembler assembler() {
    return assembler;
  }

  /** The client went away: stop generating at the next token. */
  public void clientGone() {
    clientGone = true;
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
    List<ReplyParser.Part> parts = assembler.accept(token);
    if (!parts.isEmpty()) {
      deliver(parts);
    }
    return !clientGone && !assembler.complete();
  }

  @Override
  public void onFinish(FinishReason reason, int promptTokens, int completionTokens) {
    List<ReplyParser.Part> parts = assembler.finish();
    if (!parts.isEmpty()) {
      deliver(parts);
    }
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
