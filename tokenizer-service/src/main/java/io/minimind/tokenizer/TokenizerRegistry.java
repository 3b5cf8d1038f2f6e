package io.minimind.tokenizer;

import io.minimind.core.tokenizer.MiniMindTokenizer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tokenizers the service can use, by id; {@code minimind} (the bundled one) is always there. */
@ApplicationScoped
public class TokenizerRegistry {
  public static final String DEFAULT_ID = "minimind";
  private final Map<String, MiniMindTokenizer> tokenizers = new ConcurrentHashMap<>();

  public TokenizerRegistry() {
    tokenizers.put(DEFAULT_ID, MiniMindTokenizer.defaultTokenizer());
  }

  /** The tokenizer {@code id} (the default when null). */
  public MiniMindTokenizer get(String id) {
    MiniMindTokenizer t = tokenizers.get(id == null ? DEFAULT_ID : id);
    if (t == null) {
      throw new NotFoundException("unknown tokenizer '" + id + "'; known: " + tokenizers.keySet());
    }
    return t;
  }

  @PreDestroy
  void close() {
    tokenizers.values().forEach(MiniMindTokenizer::close);
  }
}
