package io.minimind.orchestrator.domain;

import java.net.URI;
import java.nio.file.Path;

/**
 * The artifact store's root directory (a shared volume in Kubernetes). Paths in specs are relative
 * to it and URIs in messages point into it; neither may leave it. Layout in docs/stage-jobs.md.
 */
public final class ArtifactRoot {
  private final Path root;

  public ArtifactRoot(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /**
   * {@code root/relative}, normalised.
   *
   * @param pointer JSON pointer of the spec field the path came from, for the error message
   * @throws OutsideRootException when the path is absolute or leaves the root
   */
  public Path underRoot(String relative, String pointer) {
    Path p = Path.of(relative);
    Path resolved = root.resolve(p).normalize();
    if (p.isAbsolute() || !resolved.startsWith(root)) {
      throw new OutsideRootException(pointer, "path '" + relative
          + "' must stay inside the artifact root " + root);
    }
    return resolved;
  }

  /** {@code root/pipelines/<pipeline>/<stage>/attempt-<n>}: one attempt's own output directory. */
  public Path attemptDir(String pipelineId, String stageId, int attempt) {
    return root.resolve("pipelines").resolve(pipelineId).resolve(stageId)
        .resolve("attempt-" + attempt);
  }

  public String uri(Path path) {
    return path.toUri().toString();
  }

  /** The path of a {@code file:} URI inside the root. */
  public Path fromUri(String uri, String field) {
    URI u = URI.create(uri);
    if (!"file".equals(u.getScheme())) {
      throw new OutsideRootException(field, "'" + uri + "' is not a file: URI");
    }
    Path p = Path.of(u).normalize();
    if (!p.startsWith(root)) {
      throw new OutsideRootException(field, "'" + uri + "' is outside the artifact root " + root);
    }
    return p;
  }

  /** A path or URI that leaves the artifact root; {@code pointer} names the offending field. */
  public static final class OutsideRootException extends IllegalArgumentException {
    private final String pointer;

    public OutsideRootException(String pointer, String message) {
      super(pointer + ": " + message);
      this.pointer = pointer;
    }

    public String pointer() {
      return pointer;
    }
  }
}
