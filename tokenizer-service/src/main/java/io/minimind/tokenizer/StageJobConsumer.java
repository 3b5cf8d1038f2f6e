package io.minimind.tokenizer;

import io.minimind.contracts.messages.ErrorClass;
import io.minimind.contracts.messages.StageCompleted;
import io.minimind.contracts.messages.StageEvent;
import io.minimind.contracts.messages.StageFailed;
import io.minimind.contracts.messages.StageJob;
import io.minimind.contracts.messages.StageKind;
import io.minimind.contracts.messages.StageProgress;
import io.minimind.core.data.BadLinePolicy;
import io.minimind.core.data.DataFormatException;
import io.minimind.core.data.JsonlDataset;
import io.minimind.core.data.ShardedDataset;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.core.tokenizer.bpe.BpeTrainerConfig;
import io.minimind.core.tokenizer.bpe.BpeTraining;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Runs the stage jobs this service owns ({@code tokenize-dataset}, {@code tokenizer-train}) and
 * answers with progress (per block of samples when tokenizing a dataset, per phase when training a
 * tokenizer; loss and lr are 0 as nothing is trained) and a completed or failed event; other kinds on the shared topic are for other workers
 * and are skipped. Kafka delivers at least once, so a (stage, attempt) already handled in this
 * process is not run twice, and outputs are written atomically (a re-run never sees half a
 * result). Failures are classified: bad data → DATA, bad parameters → SPEC (neither retried),
 * anything else → INTERNAL.
 */
@ApplicationScoped
public class StageJobConsumer {
  private static final Logger LOG = Logger.getLogger(StageJobConsumer.class);
  private final Set<String> handled = ConcurrentHashMap.newKeySet();
  private final Emitter<StageEvent> events;
  private final DataRoot dataRoot;
  private final TokenizerRegistry registry;
  private final StageHeartbeats heartbeats;

  public StageJobConsumer(@Channel("stage-events") Emitter<StageEvent> events, DataRoot dataRoot,
      TokenizerRegistry registry, StageHeartbeats heartbeats) {
    this.events = events;
    this.dataRoot = dataRoot;
    this.registry = registry;
    this.heartbeats = heartbeats;
  }

  @Incoming("stage-jobs")
  @Blocking
  public void onJob(StageJob job) {
    if (job.kind() != StageKind.TOKENIZE_DATASET && job.kind() != StageKind.TOKENIZER_TRAIN) {
      return; // another worker's stage
    }
    if (!handled.add(job.pipelineId() + "/" + job.stageId() + "#" + job.attempt())) {
      LOG.infof("duplicate delivery of %s/%s attempt %d ignored", job.pipelineId(), job.stageId(), job.attempt());
      return;
    }
    StageEvent result;
    try (AutoCloseable beating = heartbeats.start(job)) {
      result = job.kind() == StageKind.TOKENIZE_DATASET ? tokenizeDataset(job) : trainTokenizer(job);
    } catch (DataFormatException e) {
      result = StageFailed.of(job, ErrorClass.DATA, e.getMessage(),
          e.badLine() == null ? null : e.badLine().path() + ":" + e.badLine().lineNumber());
    } catch (IllegalArgumentException | InvalidRequestException | NotFoundException e) {
      result = StageFailed.of(job, ErrorClass.SPEC, e.getMessage(), null);
    } catch (Exception e) {
      LOG.errorf(e, "stage %s/%s failed", job.pipelineId(), job.stageId());
      result = StageFailed.of(job, ErrorClass.INTERNAL, String.valueOf(e.getMessage()), null);
    }
    events.send(result).toCompletableFuture().join(); // acks=all: the event is durable before we return
  }

  private StageEvent tokenizeDataset(StageJob job) throws Exception {
    boolean owned = job.parameters().get("tokenizerUri") != null;
    MiniMindTokenizer tok = tokenizer(job);
    try {
      return tokenizeDataset(job, tok);
    } finally {
      if (owned) {
        tok.close();
      }
    }
  }

  private StageEvent tokenizeDataset(StageJob job, MiniMindTokenizer tok) throws Exception {
    Path source = input(job, 0);
    Path out = file(job.outputUri(), "outputUri");
    String kind = String.valueOf(job.parameters().getOrDefault("kind", "pretrain"));
    int maxSeqLen = intParam(job, "maxSeqLen", 512);
    try (JsonlDataset data = JsonlDataset.open(kind, source, tok, maxSeqLen,
        new BadLinePolicy(intParam(job, "maxBadLines", 0)))) {
      long started = System.nanoTime();
      ShardedDataset.Progress progress = (done, total) -> {
        double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-9);
        long eta = done == 0 ? 0 : Math.round(seconds * (total - done) / done);
        // Tokenization trains nothing: loss and lr are 0; throughput is in samples per second.
        events.send(StageProgress.of(job, done, Math.max(total, 1), 0.0, 0.0, 0.0, eta,
            Map.of("samples", (double) done, "samplesPerSecond", done / seconds)))
            .toCompletableFuture().join();
      };
      ShardedDataset.Summary s = Files.exists(out) ? null
          : ShardedDataset.write(data, kind, tok.sha256(), tok.vocabSize(), out, 200_000_000L, progress);
      Map<String, Double> metrics = s == null ? Map.of()
          : Map.of("documents", (double) s.documents(), "tokens", (double) s.tokens(), "badLines", (double) s.badLines());
      return StageCompleted.of(job, List.of(job.outputUri()), metrics);
    }
  }

  private StageEvent trainTokenizer(StageJob job) throws Exception {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < job.inputUris().size(); i++) {
      files.add(input(job, i));
    }
    Path out = file(job.outputUri(), "outputUri");
    @SuppressWarnings("unchecked")
    List<String> specials = (List<String>) job.parameters().getOrDefault("specialTokens", List.of());
    BpeTrainerConfig config = BpeTrainerConfig.minimind(intParam(job, "vocabSize", 6400),
        intParam(job, "minFrequency", 0), specials);
    if (!Files.exists(out)) {
      Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp-" + job.messageId());
      Files.createDirectories(tmp);
      BpeTraining.run(files, config, Runtime.getRuntime().availableProcessors(),
          new BadLinePolicy(intParam(job, "maxBadLines", 0)), tmp,
          (phase, name, seconds) -> events.send(StageProgress.of(job, phase, BpeTraining.PHASES,
              0.0, 0.0, 0.0, null, Map.of("seconds", seconds))).toCompletableFuture().join());
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
    }
    Object id = job.parameters().get("tokenizerId");
    if (id != null) {
      registry.register(id.toString(), out);
    }
    return StageCompleted.of(job, List.of(job.outputUri()), Map.of("vocabSize", (double) config.vocabSize()));
  }

  /**
   * The pipeline's tokenizer: {@code tokenizerUri} (a tokenizer directory, e.g. a tokenizer-train
   * stage's output, as the orchestrator sends it), else a registered id in {@code tokenizer}, else
   * MiniMind's.
   */
  private MiniMindTokenizer tokenizer(StageJob job) throws java.io.IOException {
    Object uri = job.parameters().get("tokenizerUri");
    if (uri != null) {
      Path dir = file(uri.toString(), "parameters.tokenizerUri");
      if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
        throw new IllegalArgumentException("parameters.tokenizerUri " + uri + " has no tokenizer.json");
      }
      return MiniMindTokenizer.load(dir); // the caller closes it
    }
    return registry.get((String) job.parameters().get("tokenizer"));
  }

  private Path input(StageJob job, int i) {
    if (job.inputUris().size() <= i) {
      throw new IllegalArgumentException("stage " + job.stageId() + " needs inputUris[" + i + "]");
    }
    Path p = file(job.inputUris().get(i), "inputUris[" + i + "]");
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException("inputUris[" + i + "] " + job.inputUris().get(i) + " does not exist");
    }
    return p;
  }

  /** A file: URI inside the data root. */
  private Path file(String uri, String field) {
    java.net.URI u = java.net.URI.create(uri);
    if (!"file".equals(u.getScheme())) {
      throw new IllegalArgumentException(field + " " + uri + " must be a file: URI under the data root");
    }
    return dataRoot.resolveAbsolute(field, Path.of(u));
  }

  private static int intParam(StageJob job, String name, int fallback) {
    Object v = job.parameters().get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    throw new IllegalArgumentException("parameter " + name + " must be a number, got " + v);
  }
}
