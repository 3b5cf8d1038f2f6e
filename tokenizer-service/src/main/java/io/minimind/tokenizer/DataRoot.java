package io.minimind.tokenizer;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/** Resolves request paths under the configured data root; nothing may escape it. */
@ApplicationScoped
public class DataRoot {
  private final Path root;

  public DataRoot(TokenizerSettings settings) {
    this.root = Path.of(settings.dataRoot()).toAbsolutePath().normalize();
  }

  /**
   * @param field the request field, for the error message
   * @throws InvalidRequestException when the path is absolute or leaves the root
   */
  public Path resolve(String field, String relative) {
    if (relative == null || relative.isBlank()) {
      throw new InvalidRequestException(field + " is required");
    }
    Path p = Path.of(relative);
    Path resolved = root.resolve(p).normalize();
    if (p.isAbsolute() || !resolved.startsWith(root)) {
      throw new InvalidRequestException(field + " '" + relative + "' is outside the data root");
    }
    return resolved;
  }

  /** An absolute path (e.g. from a file: URI), which must lie under the root. */
  public Path resolveAbsolute(String field, Path absolute) {
    Path p = absolute.toAbsolutePath().normalize();
    if (!p.startsWith(root)) {
      throw new InvalidRequestException(field + " '" + absolute + "' is outside the data root");
    }
    return p;
  }

  /** The root as an absolute path. */
  public Path root() {
    return root;
  }
}
