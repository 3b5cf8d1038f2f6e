package io.minimind.tokenizer;

import io.minimind.core.data.BadLinePolicy;
import io.minimind.core.tokenizer.bpe.BpeTrainerConfig;
import io.minimind.core.tokenizer.bpe.BpeTraining;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs tokenizer training jobs one at a time in the background. The job id is the tokenizer id;
 * the result is written to a temporary directory and renamed into {@code tokenizers/<id>/} only
 * when complete, then registered. Job state is kept in memory; finished tokenizers are on disk
 * and survive restarts (orchestrated jobs with persistent state come with the Kafka stage jobs).
 */
@ApplicationScoped
public class TokenizerJobs {
  private static final Logger LOG = Logger.getLogger(TokenizerJobs.class);
  private final TokenizerRegistry registry;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tokenizer-training");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();

  public TokenizerJobs(TokenizerRegistry registry) {
    this.registry = registry;
  }

  /** State of one job. */
  public record Job(String id, String status, Integer vocabSize, Long merges, Long texts,
      Long badLines, Double seconds, List<String> files, String error) {}

  /** Queues training; the id must be new. */
  public Job submit(String id, List<Path> data, BpeTrainerConfig config, int maxBadLines) {
    Job queued = new Job(id, "running", null, null, null, null, null, List.of(), null);
    if (registry.contains(id) || jobs.putIfAbsent(id, queued) != null) {
      throw new InvalidRequestException("tokenizer id '" + id + "' is already taken");
    }
    worker.submit(() -> train(id, data, config, maxBadLines));
    return queued;
  }

  public Job get(String id) {
    Job j = jobs.get(id);
    if (j == null) {
      if (registry.contains(id)) {
        return new Job(id, "succeeded", registry.get(id).vocabSize(), null, null, null, null,
            List.of("tokenizer.json", "tokenizer_config.json"), null);
      }
      throw new NotFoundException("unknown tokenizer job '" + id + "'");
    }
    return j;
  }

  private void train(String id, List<Path> data, BpeTrainerConfig config, int maxBadLines) {
    Path target = registry.directoryOf(id);
    Path tmp = target.resolveSibling("." + id + ".tmp");
    try {
      deleteTree(tmp);
      Files.createDirectories(tmp);
      BpeTraining.Result r = BpeTraining.run(data, config, Runtime.getRuntime().availableProcessors(),
          new BadLinePolicy(maxBadLines), tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      registry.register(id, target);
      jobs.put(id, new Job(id, "succeeded", r.model().vocab().size(), (long) r.model().merges().size(),
          r.texts(), r.badLines(), r.totalSeconds(), List.of("tokenizer.json", "tokenizer_config.json"), null));
    } catch (Exception e) {
      LOG.warnf(e, "tokenizer job %s failed", id);
      jobs.put(id, new Job(id, "failed", null, null, null, null, null, List.of(), e.getMessage()));
      try {
        deleteTree(tmp);
      } catch (Exception ignored) {
        // the failure above is what the user needs to see
      }
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }
}
