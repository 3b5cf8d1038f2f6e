package io.minimind.core.serving;

import io.minimind.core.sampling.FinishReason;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous batching over a {@link BatchedModel}: one scheduler thread runs model steps; a new
 * request joins the running batch at the next step and a finished one leaves at once. Prompts are
 * prefilled in chunks with a per-step token budget, so a long prompt shares steps with the streams
 * that are decoding instead of stalling them. Admission is bounded by the batch size and a KV
 * budget (each running sequence reserves prompt + max tokens); beyond a queue limit requests are
 * refused. Each request samples with its own seeded {@link RequestSampler}, so its tokens do not
 * depend on what it was batched with (given a model whose rows do not interact).
 */
public final class ContinuousBatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ContinuousBatcher.class);

  private final BatchedModel model;
  private final BatcherLimits limits;
  private final LinkedBlockingQueue<Running> arrivals = new LinkedBlockingQueue<>();
  private final List<Running> running = new ArrayList<>();
  private final Thread thread;
  private final float[][] logits;
  private volatile boolean closed;
  private long reservedKv;
  private long steps;
  private long sequenceSteps;
  private int maxBatchSeen;
  private long generated;
  private long prefilled;
  private long finished;

  public ContinuousBatcher(BatchedModel model, BatcherLimits limits, String name) {
    this.model = model;
    this.limits = limits;
    this.logits = new float[limits.maxBatch()][model.vocabSize()];
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** A submitted request; {@link #cancel()} ends it at the next step. */
  public interface Handle {
    void cancel();
  }

  /**
   * Queues a request.
   *
   * @throws QueueFullException when {@code maxQueued} requests already wait
   * @throws InvalidParameterException when prompt + max_tokens exceed the model's context
   */
  public Handle submit(int[] prompt, SamplingParams params, GenerationListener listener) {
    if (prompt.length == 0) {
      throw new InvalidParameterException("messages", "the prompt is empty");
    }
    long need = (long) prompt.length + params.maxTokens();
    if (need > model.contextLength()) {
      throw new InvalidParameterException("max_tokens", "prompt (" + prompt.length + " tokens) + max_tokens ("
          + params.maxTokens() + ") exceeds the model's context of " + model.contextLength() + " tokens");
    }
    if (need > limits.kvTokenBudget()) {
      throw new InvalidParameterException("max_tokens", "prompt + max_tokens (" + need
          + ") exceeds this server's KV budget of " + limits.kvTokenBudget() + " tokens");
    }
    if (closed) {
      throw new IllegalStateException("the batcher is shut down");
    }
    if (arrivals.size() >= limits.maxQueued()) {
      throw new QueueFullException(arrivals.size());
    }
    Running r = new Running(prompt, params, listener, model.vocabSize(),
        System.nanoTime() + limits.requestTimeout().toNanos());
    arrivals.add(r);
    return () -> r.cancelled = true;
  }

  public synchronized BatcherStats stats() {
    return new BatcherStats(steps, sequenceSteps, maxBatchSeen, generated, prefilled, running.size(),
        arrivals.size(), finished);
  }

  private void loop() {
    while (!closed) {
      try {
        if (running.isEmpty()) {
          Running first = arrivals.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          admit(first);
        }
        admitWaiting();
        if (!running.isEmpty()) {
          step();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) { // a model failure fails the running requests, not the server
        LOG.error("model step failed; failing {} running requests", running.size(), e);
        for (Running r : new ArrayList<>(running)) {
          end(r, null, e);
        }
      }
    }
    for (Running r : new ArrayList<>(running)) {
      end(r, null, new IllegalStateException("server shutting down"));
    }
  }

  private void admitWaiting() {
    Running next;
    while (running.size() < limits.maxBatch() && (next = arrivals.peek()) != null
        && reservedKv + next.reserve() <= limits.kvTokenBudget()) {
      admit(arrivals.poll());
    }
  }

  private synchronized void admit(Running r) {
    r.sequence = model.open(r.reserve());
    reservedKv += r.reserve();
    running.add(r);
  }

  /** One model step over every running sequence that has work in it. */
  private void step() {
    List<BatchedModel.Sequence> seqs = new ArrayList<>();
    List<int[]> tokens = new ArrayList<>();
    List<Running> stepped = new ArrayList<>();
    int prefillBudget = limits.prefillTokensPerStep();
    long now = System.nanoTime();
    for (Running r : new ArrayList<>(running)) {
      if (r.cancelled) {
        end(r, FinishReason.CANCELLED, null);
        continue;
      }
      if (now > r.deadline) {
        end(r, null, new TimeoutException("request exceeded " + limits.requestTimeout()));
        continue;
      }
      int[] next = r.nextTokens(Math.min(limits.prefillChunk(), prefillBudget));
      if (next == null) {
        continue; // its prompt waits for prefill budget in a later step
      }
      if (r.prefilling()) {
        prefillBudget -= next.length;
      }
      seqs.add(r.sequence);
      tokens.add(next);
      stepped.add(r);
    }
    if (stepped.isEmpty()) {
      return;
    }
    model.step(seqs, tokens, logits);
    synchronized (this) {
      steps++;
      sequenceSteps += stepped.size();
      maxBatchSeen = Math.max(maxBatchSeen, stepped.size());
    }
    for (int i = 0; i < stepped.size(); i++) {
      Running r = stepped.get(i);
      if (r.advance(tokens.get(i).length)) {
        sample(r, logits[i]);
      }
    }
  }

  private void sample(Running r, float[] rowLogits) {
    TokenChoice choice = r.sampler.next(rowLogits);
    synchronized (this) {
      generated++;
    }
    r.generated++;
    r.last = choice.token();
    if (r.params.isStop(choice.token())) {
      end(r, FinishReason.STOP, null);
    } else if (!r.listener.onToken(choice)) {
      end(r, FinishReason.CANCELLED, null);
    } else if (r.generated >= r.params.maxTokens()) {
      end(r, FinishReason.LENGTH, null);
    }
  }

  private synchronized void end(Running r, FinishReason reason, Throwable error) {
    if (!running.remove(r)) {
      return;
    }
    reservedKv -= r.reserve();
    r.sequence.close();
    finished++;
    prefilled += Math.min(r.prompt.length, r.prefilled);
    try {
      if (error != null) {
        r.listener.onError(error);
      } else {
        r.listener.onFinish(reason, r.prompt.length, r.generated);
      }
    } catch (RuntimeException e) {
      LOG.warn("listener failed", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Iterator<Running> it = arrivals.iterator(); it.hasNext(); ) {
      Running r = it.next();
      it.remove();
      r.listener.onError(new IllegalStateException("server shutting down"));
    }
  }

  /** A request in the batch: where its prompt is, what it generated. */
  private static final class Running {
    final int[] prompt;
    final SamplingParams params;
    final GenerationListener listener;
    final RequestSampler sampler;
    final long deadline;
    BatchedModel.Sequence sequence;
    volatile boolean cancelled;
    int prefilled;
    int generated;
    int last;

    Running(int[] prompt, SamplingParams params, GenerationListener listener, int vocab, long deadline) {
      this.prompt = prompt;
      this.params = params;
      this.listener = listener;
      this.sampler = new RequestSampler(params, vocab, prompt);
      this.deadline = deadline;
    }

    int reserve() {
      return prompt.length + params.maxTokens();
    }

    boolean prefilling() {
      return prefilled < prompt.length;
    }

    /** The tokens to feed this step: a prompt chunk of at most {@code budget}, or the last token. */
    int[] nextTokens(int budget) {
      if (!prefilling()) {
        return new int[] {last};
      }
      int n = Math.min(budget, prompt.length - prefilled);
      if (n <= 0) {
        return null;
      }
      int[] chunk = new int[n];
      System.arraycopy(prompt, prefilled, chunk, 0, n);
      return chunk;
    }

    /** Records that {@code n} tokens went in; true when the step's logits are for a new token. */
    boolean advance(int n) {
      if (prefilling()) {
        prefilled += n;
        return !prefilling();
      }
      return true;
    }
  }
}
