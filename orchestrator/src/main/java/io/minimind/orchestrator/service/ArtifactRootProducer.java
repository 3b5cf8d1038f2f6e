package io.minimind.orchestrator.service;

import io.minimind.orchestrator.domain.ArtifactRoot;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/** The configured artifact root, resolved once. */
@ApplicationScoped
public class ArtifactRootProducer {
  private final ArtifactRoot root;

  public ArtifactRootProducer(OrchestratorSettings settings) {
    this.root = new ArtifactRoot(Path.of(settings.artifactRoot()));
  }

  public ArtifactRoot get() {
    return root;
  }
}
