package io.minimind.trainer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness shows what the worker does ({@code idle} or {@code running <pipeline>/<stage>#<attempt>})
 * so an operator sees it at /q/health/ready. A busy worker is still ready: jobs queue in Kafka, and
 * taking it out of service would not make them go elsewhere sooner. Down once shutting down.
 */
@Readiness
@ApplicationScoped
public class WorkerReadiness implements HealthCheck {
  private final WorkerState state;
  private final Heartbeats heartbeats;

  public WorkerReadiness(WorkerState state, Heartbeats heartbeats) {
    this.state = state;
    this.heartbeats = heartbeats;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("trainer-worker")
        .status(!state.shuttingDown())
        .withData("worker", heartbeats.workerId())
        .withData("state", state.describe())
        .build();
  }
}
