package io.minimind.inference.api;

import io.minimind.inference.model.ModelRegistry;
import io.minimind.inference.model.ServedModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when a model is loaded; the data shows each model's queue and running sequences. */
@Readiness
@ApplicationScoped
public class ModelsReadiness implements HealthCheck {
  private final ModelRegistry registry;

  public ModelsReadiness(ModelRegistry registry) {
    this.registry = registry;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder b = HealthCheckResponse.named("models").status(registry.anyLoaded());
    for (ServedModel m : registry.all()) {
      var s = m.batcher().stats();
      b.withData(m.name(), "running " + s.running() + ", queued " + s.queued());
    }
    return b.build();
  }
}
