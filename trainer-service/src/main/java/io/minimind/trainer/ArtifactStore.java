package io.minimind.trainer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The artifact store as seen by this worker: URIs in jobs ↔ paths under one root. Every URI is
 * checked here, in one place, because a job is input from another service: a {@code file:} URI
 * outside the root (or any other scheme) could otherwise make the worker read or overwrite
 * arbitrary files.
 */
@ApplicationScoped
public class ArtifactStore {
  private final Path root;

  @Inject
  public ArtifactStore(WorkerSettings settings) {
    this(Path.of(settings.artifactRoot()));
  }

  /** A store on the given root (unit tests). */
  ArtifactStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The root, absolute and normalised. */
  public Path root() {
    return root;
  }

  /**
   * The path a URI names.
   *
   * @param uri a {@code file:} URI that must lie inside the root after normalisation
   * @param field the job field the URI came from, named in the error ({@code inputUris[0]}, ...)
   * @throws SpecException when the URI is malformed, not {@code file:}, or leaves the root
   */
  public Path resolve(String uri, String field) {
    if (uri == null || uri.isBlank()) {
      throw new SpecException(field, field + " is required");
    }
    URI u;
    try {
      u = new URI(uri);
    } catch (URISyntaxException e) {
      throw new SpecException(field, field + " '" + uri + "' is not a valid URI: " + e.getMessage());
    }
    if (!"file".equalsIgnoreCase(u.getScheme()) || u.getPath() == null) {
      throw new SpecException(field, field + " '" + uri
          + "' must be a file: URI inside the artifact store " + root);
    }
    if (u.getAuthority() != null && !u.getAuthority().isEmpty()
        && !"localhost".equalsIgnoreCase(u.getAuthority())) {
      throw new SpecException(field, field + " '" + uri + "' names a remote host; only local file: URIs are allowed");
    }
    Path p = Path.of(u.getPath()).normalize();
    if (!p.isAbsolute() || !p.startsWith(root)) {
      throw new SpecException(field, field + " '" + uri + "' is outside the artifact store " + root);
    }
    return p;
  }

  /**
   * A parameter that names an artifact either as a {@code file:} URI or, as pipeline specs write
   * it, as a path relative to the root (the distillation teacher).
   *
   * @throws SpecException when it is missing or leaves the root
   */
  public Path resolvePath(String pathOrUri, String field) {
    if (pathOrUri == null || pathOrUri.isBlank()) {
      throw new SpecException(field, field + " is required");
    }
    if (pathOrUri.startsWith("file:")) {
      return resolve(pathOrUri, field);
    }
    Path p = root.resolve(pathOrUri).normalize();
    if (!p.startsWith(root)) {
      throw new SpecException(field, field + " '" + pathOrUri + "' is outside the artifact store " + root);
    }
    return p;
  }

  /** The {@code file:} URI of a path inside the store (as written into events). */
  public String uri(Path path) {
    Path p = path.toAbsolutePath().normalize();
    if (!p.startsWith(root)) {
      throw new IllegalStateException(p + " is outside the artifact store " + root);
    }
    return p.toUri().toString();
  }
}
