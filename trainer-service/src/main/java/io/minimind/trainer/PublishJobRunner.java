package io.minimind.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minimind.contracts.messages.ModelPublished;
import io.minimind.contracts.messages.StageCompleted;
import io.minimind.contracts.messages.StageJob;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.io.AtomicFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs a {@code publish} job: copies a model directory to {@code <root>/models/<name>/v<k>}. A
 * version directory appears by one atomic rename of a complete copy, so readers (inference-service)
 * never see half a model, and two publishers racing for the same {@code k} cannot both win (the
 * loser retries with {@code k+1}). A re-run of the same attempt re-announces the version recorded
 * in {@code <outputUri>/published.json} instead of publishing twice; {@code publication.json}
 * inside each version covers a crash between the rename and writing that marker.
 */
@ApplicationScoped
public class PublishJobRunner {
  private static final Logger LOG = Logger.getLogger(PublishJobRunner.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern VERSION = Pattern.compile("v(\\d{1,9})");
  static final String MARKER = "published.json";
  static final String PUBLICATION = "publication.json";
  private static final int MAX_RACES = 100;
  private final ArtifactStore store;
  private final EventSender sender;
  private final ObjectMapper json = new ObjectMapper();

  public PublishJobRunner(ArtifactStore store, EventSender sender) {
    this.store = store;
    this.sender = sender;
  }

  /** What was published by an attempt: written as published.json and publication.json. */
  public record Publication(String modelName, int version, String uri, String pipelineId,
      String stageId, int attempt) {}

  public void run(StageJob job) throws IOException {
    Object name = job.parameters().get("modelName");
    if (!(name instanceof String modelName) || !NAME.matcher(modelName).matches()) {
      throw new SpecException("parameters.modelName", "parameter modelName must be a name of"
          + " letters, digits, '.', '_' or '-' (no path separators), got " + name);
    }
    if (job.inputUris().size() != 1) {
      throw new SpecException("inputUris", "a publish stage takes inputUris [modelDir], got "
          + job.inputUris().size() + " URIs");
    }
    Path model = store.resolve(job.inputUris().get(0), "inputUris[0]");
    if (!Files.isRegularFile(model.resolve(Checkpoints.CONFIG_FILE))
        || !Files.isRegularFile(model.resolve(Checkpoints.MODEL_FILE))) {
      throw new SpecException("inputUris[0]", "inputUris[0] " + job.inputUris().get(0)
          + " is not a model directory (needs config.json and model.safetensors)");
    }
    Path outDir = store.resolve(job.outputUri(), "outputUri");
    Path marker = outDir.resolve(MARKER);
    Publication p;
    if (Files.exists(marker)) {
      p = json.readValue(marker.toFile(), Publication.class);
      LOG.infof("%s: already published %s v%d, announcing it again", AttemptLedger.key(job),
          p.modelName(), p.version());
    } else {
      Path models = store.root().resolve("models").resolve(modelName);
      p = findEarlier(models, job).orElseGet(() -> null);
      if (p == null) {
        p = publish(job, modelName, model, models);
      }
      Files.createDirectories(outDir);
      AtomicFiles.write(marker, json.writeValueAsBytes(p));
    }
    sender.published(ModelPublished.of(job, p.modelName(), p.version(), p.uri()));
    sender.event(StageCompleted.of(job, List.of(p.uri()), Map.of("version", (double) p.version())));
  }

  /** Copies the model into a temporary directory, then renames it to the next free version. */
  private Publication publish(StageJob job, String name, Path model, Path models) throws IOException {
    Files.createDirectories(models);
    Path tmp = models.resolve(".tmp-" + UUID.randomUUID());
    try {
      copyTree(model, tmp);
      int version = nextVersion(models);
      for (int race = 0; race < MAX_RACES; race++, version++) {
        Path target = models.resolve("v" + version);
        Publication p = new Publication(name, version, store.uri(target), job.pipelineId(),
            job.stageId(), job.attempt());
        AtomicFiles.write(tmp.resolve(PUBLICATION), json.writeValueAsBytes(p));
        if (Files.exists(target)) {
          continue;
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
          LOG.infof("%s: published %s as %s", AttemptLedger.key(job), model, target);
          return new Publication(name, version, store.uri(target), job.pipelineId(),
              job.stageId(), job.attempt());
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
          LOG.debugf("v%d of %s taken by another publisher, trying the next", version, name);
        }
      }
      throw new IOException("no free version of " + name + " after " + MAX_RACES + " tries");
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
  }

  /** A version this very attempt published before crashing ahead of its marker. */
  private Optional<Publication> findEarlier(Path models, StageJob job) throws IOException {
    if (!Files.isDirectory(models)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(models)) {
      for (Path dir : s.filter(d -> VERSION.matcher(d.getFileName().toString()).matches()).toList()) {
        Path f = dir.resolve(PUBLICATION);
        if (Files.isRegularFile(f)) {
          Publication p = json.readValue(f.toFile(), Publication.class);
          if (p.pipelineId().equals(job.pipelineId()) && p.stageId().equals(job.stageId())
              && p.attempt() == job.attempt()) {
            return Optional.of(new Publication(p.modelName(), p.version(), store.uri(dir),
                p.pipelineId(), p.stageId(), p.attempt()));
          }
        }
      }
    }
    return Optional.empty();
  }

  static int nextVersion(Path models) throws IOException {
    int max = 0;
    try (Stream<Path> s = Files.list(models)) {
      for (Path p : s.toList()) {
        Matcher m = VERSION.matcher(p.getFileName().toString());
        if (m.matches()) {
          max = Math.max(max, Integer.parseInt(m.group(1)));
        }
      }
    }
    return max + 1;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path src : s.toList()) {
        Path dest = to.resolve(from.relativize(src).toString());
        if (Files.isDirectory(src)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(src, dest);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
