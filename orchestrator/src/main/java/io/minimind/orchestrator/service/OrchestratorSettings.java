package io.minimind.orchestrator.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Typed orchestrator settings ({@code minimind.orchestrator.*}); each key documented once, here. */
@ConfigMapping(prefix = "minimind.orchestrator")
public interface OrchestratorSettings {
  /**
   * Root of the artifact store (a shared volume in Kubernetes). Dataset paths in specs are relative
   * to it; stage outputs go under {@code pipelines/}, published models under {@code models/}.
   */
  @WithDefault("./data")
  String artifactRoot();

  /**
   * A running attempt with no heartbeat (or other sign of life) for this long is declared lost and
   * the stage is re-dispatched as a new attempt resuming from its last checkpoint. Must be several
   * times the workers' heartbeat interval.
   */
  @WithDefault("60s")
  Duration heartbeatTimeout();

  /** When set, every /v1 request must carry {@code Authorization: Bearer <token>}. */
  Optional<String> apiToken();

  /** Outbox rows sent per relay round. */
  @WithDefault("200")
  int outboxBatch();

  /** Whether submission checks that the spec's datasets and paths exist under the artifact root. */
  @WithDefault("true")
  boolean checkPathsExist();

  /** How often a server-sent-events stream looks for changes of its pipeline. */
  @WithDefault("500ms")
  Duration eventPollInterval();

  /** How often the outbox relay looks for unsent messages (a Quarkus scheduler period). */
  @WithDefault("200ms")
  String outboxPollInterval();

  /** How often running attempts are checked for missing heartbeats (a scheduler period). */
  @WithDefault("1s")
  String livenessCheckInterval();
}
