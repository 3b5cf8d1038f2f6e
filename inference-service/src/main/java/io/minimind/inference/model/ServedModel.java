package io.minimind.inference.model;

import io.minimind.core.infer.InferenceEngine;
import io.minimind.core.infer.InferenceWeights;
import io.minimind.core.serving.BatcherLimits;
import io.minimind.core.serving.ContinuousBatcher;
import io.minimind.core.serving.EngineBatchedModel;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.templates.HfChatTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One loaded model: weights in the pure-Java engine, a continuous batcher over it, the tokenizer
 * and its chat template. Closing it stops the batcher (requests still queued fail).
 */
public final class ServedModel implements AutoCloseable {
  private final String name;
  private final Path directory;
  private final MiniMindTokenizer tokenizer;
  private final HfChatTemplate template;
  private final InferenceEngine engine;
  private final ContinuousBatcher batcher;
  private final Instant loadedAt = Instant.now();
  private final java.time.Duration requestTimeout;

  private ServedModel(String name, Path directory, MiniMindTokenizer tokenizer, HfChatTemplate template,
      InferenceEngine engine, ContinuousBatcher batcher, java.time.Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
    this.name = name;
    this.directory = directory;
    this.tokenizer = tokenizer;
    this.template = template;
    this.engine = engine;
    this.batcher = batcher;
  }

  /** Loads {@code directory}; the tokenizer is the directory's, else MiniMind's. */
  public static ServedModel load(String name, Path directory, InferenceSettings s) throws IOException {
    InferenceWeights weights = InferenceWeights.load(directory);
    MiniMindTokenizer tok = Files.isRegularFile(directory.resolve("tokenizer.json"))
        ? MiniMindTokenizer.load(directory) : MiniMindTokenizer.defaultTokenizer();
    HfChatTemplate template = Templates.compile(tok.chatTemplate());
    int threads = s.threads() > 0 ? s.threads() : Runtime.getRuntime().availableProcessors();
    BatcherLimits limits = new BatcherLimits(s.maxBatch(), s.maxQueued(), s.kvTokenBudget(),
        s.prefillChunk(), s.prefillTokensPerStep(), s.requestTimeout());
    InferenceEngine engine = new InferenceEngine(weights,
        limits.prefillTokensPerStep() + limits.maxBatch(), limits.maxBatch(), threads);
    ContinuousBatcher batcher = new ContinuousBatcher(new EngineBatchedModel(engine), limits,
        "batcher-" + name);
    return new ServedModel(name, directory, tok, template, engine, batcher, s.requestTimeout());
  }

  public String name() {
    return name;
  }

  public Path directory() {
    return directory;
  }

  public MiniMindTokenizer tokenizer() {
    return tokenizer;
  }

  public HfChatTemplate template() {
    return template;
  }

  public ContinuousBatcher batcher() {
    return batcher;
  }

  public int contextLength() {
    return engine.config().maxPositionEmbeddings();
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  /**
   * Hot swap: the registry already sends new requests elsewhere; this waits on a background thread
   * until the requests still queued or running here are done (at most the request timeout), then
   * closes.
   */
  public void closeWhenIdle() {
    Thread t = new Thread(() -> {
      long deadline = System.nanoTime() + batcherTimeoutNanos();
      while (System.nanoTime() < deadline) {
        var stats = batcher.stats();
        if (stats.running() == 0 && stats.queued() == 0) {
          break;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      close();
    }, "retire-" + name);
    t.setDaemon(true);
    t.start();
  }

  private long batcherTimeoutNanos() {
    return requestTimeout.toNanos();
  }

  @Override
  public void close() {
    batcher.close();
    engine.close();
    tokenizer.close();
  }
}
