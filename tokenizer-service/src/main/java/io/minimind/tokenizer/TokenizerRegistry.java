package io.minimind.tokenizer;

import io.minimind.core.tokenizer.MiniMindTokenizer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Tokenizers the service can use, by id: {@code minimind} (the bundled one) and every tokenizer
 * trained here, which live in {@code <data-root>/tokenizers/<id>/} and are found again on restart.
 */
@ApplicationScoped
public class TokenizerRegistry {
  public static final String DEFAULT_ID = "minimind";
  private final Map<String, MiniMindTokenizer> tokenizers = new ConcurrentHashMap<>();
  private final Path trainedDir;

  public TokenizerRegistry(DataRoot dataRoot) {
    tokenizers.put(DEFAULT_ID, MiniMindTokenizer.defaultTokenizer());
    this.trainedDir = dataRoot.resolve("tokenizers", "tokenizers");
    if (Files.isDirectory(trainedDir)) {
      try (Stream<Path> dirs = Files.list(trainedDir)) {
        for (Path d : dirs.filter(p -> Files.isRegularFile(p.resolve("tokenizer.json"))).toList()) {
          register(d.getFileName().toString(), d);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list trained tokenizers in " + trainedDir, e);
      }
    }
  }

  /** Where a trained tokenizer with this id is stored. */
  public Path directoryOf(String id) {
    return trainedDir.resolve(id);
  }

  /** Loads and registers the tokenizer in {@code dir} under {@code id}. */
  public MiniMindTokenizer register(String id, Path dir) throws IOException {
    MiniMindTokenizer t = MiniMindTokenizer.load(dir);
    MiniMindTokenizer old = tokenizers.put(id, t);
    if (old != null) {
      old.close();
    }
    return t;
  }

  public boolean contains(String id) {
    return tokenizers.containsKey(id);
  }

  public Set<String> ids() {
    return new TreeSet<>(tokenizers.keySet());
  }

  /** The tokenizer {@code id} (the default when null). */
  public MiniMindTokenizer get(String id) {
    MiniMindTokenizer t = tokenizers.get(id == null ? DEFAULT_ID : id);
    if (t == null) {
      throw new NotFoundException("unknown tokenizer '" + id + "'; known: " + ids());
    }
    return t;
  }

  @PreDestroy
  void close() {
    tokenizers.values().forEach(MiniMindTokenizer::close);
  }
}
